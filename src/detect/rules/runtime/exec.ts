import type { ApiObservation, LifecycleObservation } from '../../../model/observation.js';
import type { Subject } from '../../../model/subject.js';
import type { Lists } from '../../lists.js';
import type { Emit, Hit, RuleLogic } from '../../rule.js';
import { execSeverity } from './exec-severity.js';
import { FactsIndex, type ContainerFacts } from './facts.js';
import { HealthProbes } from './health-probes.js';

/**
 * Runtime actions that mark an exec: Docker writes exec_create then
 * exec_start for each (an export cut by --since may hold only the start);
 * Podman writes exec. Records of one command in one container merge into one
 * finding, so an exec seen twice is not counted twice.
 */
const EXEC_ACTIONS = new Set(['exec_create', 'exec_start', 'exec']);

function lifecycleHit(obs: LifecycleObservation, facts: ContainerFacts | null, lists: Lists): Hit {
  const name = obs.name ?? obs.container?.slice(0, 12) ?? 'a container';
  const command = obs.detail ?? '';
  const subject: Subject = { containerId: obs.container, containerName: obs.name, pod: obs.pod };
  const { severity, reasons } = execSeverity(command, facts, lists);
  const why = reasons.length > 0 ? ` (${reasons.join(', ')})` : '';
  return {
    subject,
    summary: command
      ? `exec into ${name}: ${command}${why}`
      : `exec into ${name} (command not recorded)${why}`,
    key: command,
    severity,
    vars: { command: command || 'the command', diff: `docker diff ${name}` },
  };
}

/**
 * The command of an exec request, from its URI.
 * Example: "?command=cat&command=%2Fetc%2Fshadow" gives "cat /etc/shadow".
 */
export function commandFromUri(uri: string | null): string {
  if (!uri) return '';
  const query = uri.indexOf('?');
  if (query < 0) return '';
  const params = new URLSearchParams(uri.slice(query + 1));
  return params.getAll('command').join(' ');
}

/** An exec or attach the API server let through; a refused one changed nothing. */
function apiHit(obs: ApiObservation, lists: Lists): Hit | null {
  if (obs.resource !== 'pods' || !obs.namespace || !obs.name) return null;
  if (obs.subresource !== 'exec' && obs.subresource !== 'attach') return null;
  if (obs.code !== null && obs.code >= 400) return null;
  const command = obs.subresource === 'exec' ? commandFromUri(obs.requestURI) : '';
  const pod = `${obs.namespace}/${obs.name}`;
  const by = obs.user ? ` by ${obs.user}` : '';
  // The audit log says nothing of the container's privileges: the command alone is judged.
  const { severity, reasons } = execSeverity(command, null, lists);
  const why = reasons.length > 0 ? ` (${reasons.join(', ')})` : '';
  return {
    subject: { pod: { namespace: obs.namespace, name: obs.name } },
    summary: `${obs.subresource} into pod ${pod}${by}${command ? `: ${command}` : ''}${why}`,
    key: `${obs.subresource}:${command}`,
    severity,
    vars: {
      command: command || 'the session',
      diff: `kubectl debug -n ${obs.namespace} ${obs.name} to list changed files`,
    },
  };
}

/**
 * NOTE: runtime execs wait for the end of the run, so that an inspect taken
 * after them still says whether their container was privileged or root; past
 * this many, execs are judged at once, without the later inspects.
 */
const MAX_PENDING = 10_000;

/**
 * One hit per exec. The audit log writes a request once per stage, so an
 * exec seen again under the same auditID is not counted twice.
 */
export const containerExec: RuleLogic = {
  id: 'container-exec',
  kinds: ['lifecycle', 'api', 'config'],
  create(ctx) {
    const lists = ctx.settings.lists;
    const seen = new Set<string>();
    const facts = new FactsIndex();
    const probes = new HealthProbes();
    const pending: LifecycleObservation[] = [];
    const judge = (obs: LifecycleObservation, emit: Emit) =>
      emit(lifecycleHit(obs, facts.of(obs), lists), obs);
    return {
      observe(obs, emit) {
        if (obs.kind === 'config') return facts.learn(obs);
        if (obs.kind === 'lifecycle') {
          probes.observe(obs);
          if (!EXEC_ACTIONS.has(obs.action)) return;
          if (pending.length < MAX_PENDING) pending.push(obs);
          else judge(obs, emit);
          return;
        }
        if (obs.kind !== 'api') return;
        if (obs.auditID && seen.has(obs.auditID)) return;
        const hit = apiHit(obs, lists);
        if (!hit) return;
        if (obs.auditID) seen.add(obs.auditID);
        emit(hit, obs);
      },
      finish(emit) {
        for (const obs of pending) if (!probes.isProbe(obs)) judge(obs, emit);
      },
    };
  },
};
