import type { ApiObservation, LifecycleObservation } from '../../../model/observation.js';
import type { Subject } from '../../../model/subject.js';
import { SUSPICIOUS_EXEC_PATTERNS } from '../../lists.js';
import type { AdsCard, Hit, Rule } from '../../rule.js';

const card: AdsCard = {
  id: 'container-exec',
  title: 'Command executed inside a running container',
  severity: 'medium',
  confidence: 0.7,
  attack: ['T1609'],
  dataSources: [
    'runtime events: docker/podman events (exec_create, exec)',
    'Kubernetes audit log: pods/exec and pods/attach',
  ],
  goal: 'Find interactive or scripted commands run inside running containers, the way an intruder works inside a workload without deploying anything new.',
  strategy:
    'Flag exec events from the runtime and exec or attach requests in the audit log; commands ' +
    'that read secrets, fetch payloads, touch cron or break out rate high.',
  blindSpots: [
    'Podman exec events carry no command; Docker ones do.',
    'Processes started through a shell the container already runs (a reverse shell) raise no exec event.',
  ],
  falsePositives: [
    'Operators debugging by hand, health checks implemented as exec probes, backup jobs.',
  ],
  validation: ['fixtures/demo/docker/events.ndjson', 'test/rules/exec.test.ts'],
  response: [
    'Ask who ran {command} in {entity} and why; match the time against operator activity.',
    "Collect what the command changed: {diff}, and the container's filesystem.",
    'If it was not an operator, treat {entity} as compromised: isolate it and rotate the secrets it holds.',
  ],
};

/**
 * Runtime actions that mark an exec: Docker writes exec_create then
 * exec_start for each (an export cut by --since may hold only the start);
 * Podman writes exec. Records of one command in one container merge into one
 * finding, so an exec seen twice is not counted twice.
 */
const EXEC_ACTIONS = new Set(['exec_create', 'exec_start', 'exec']);

function severityFor(command: string): 'high' | undefined {
  return SUSPICIOUS_EXEC_PATTERNS.some((p) => p.test(command)) ? 'high' : undefined;
}

function lifecycleHit(obs: LifecycleObservation): Hit | null {
  if (!EXEC_ACTIONS.has(obs.action)) return null;
  const name = obs.name ?? obs.container?.slice(0, 12) ?? 'a container';
  const command = obs.detail ?? '';
  const subject: Subject = { containerId: obs.container, containerName: obs.name, pod: obs.pod };
  return {
    subject,
    summary: command ? `exec into ${name}: ${command}` : `exec into ${name} (command not recorded)`,
    key: command,
    severity: severityFor(command),
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

function apiHit(obs: ApiObservation): Hit | null {
  if (obs.resource !== 'pods' || !obs.namespace || !obs.name) return null;
  if (obs.subresource !== 'exec' && obs.subresource !== 'attach') return null;
  const command = obs.subresource === 'exec' ? commandFromUri(obs.requestURI) : '';
  const pod = `${obs.namespace}/${obs.name}`;
  const by = obs.user ? ` by ${obs.user}` : '';
  return {
    subject: { pod: { namespace: obs.namespace, name: obs.name } },
    summary: `${obs.subresource} into pod ${pod}${by}${command ? `: ${command}` : ''}`,
    key: `${obs.subresource}:${command}`,
    severity: severityFor(command),
    vars: {
      command: command || 'the session',
      diff: `kubectl debug -n ${obs.namespace} ${obs.name} to list changed files`,
    },
  };
}

/**
 * One hit per exec. The audit log writes a request once per stage, so an
 * exec seen again under the same auditID is not counted twice.
 */
export const containerExec: Rule = {
  card,
  kinds: ['lifecycle', 'api'],
  create() {
    const seen = new Set<string>();
    return {
      observe(obs, emit) {
        if (obs.kind === 'lifecycle') {
          const hit = lifecycleHit(obs);
          if (hit) emit(hit, obs);
          return;
        }
        if (obs.kind !== 'api') return;
        if (obs.auditID && seen.has(obs.auditID)) return;
        const hit = apiHit(obs);
        if (!hit) return;
        if (obs.auditID) seen.add(obs.auditID);
        emit(hit, obs);
      },
    };
  },
};
