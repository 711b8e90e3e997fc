import type { ApiObservation, LifecycleObservation } from '../../../model/observation.js';
import type { Subject } from '../../../model/subject.js';
import type { Lists } from '../../lists.js';
import type { Hit, RuleLogic } from '../../rule.js';

/**
 * Runtime actions that mark an exec: Docker writes exec_create then
 * exec_start for each (an export cut by --since may hold only the start);
 * Podman writes exec. Records of one command in one container merge into one
 * finding, so an exec seen twice is not counted twice.
 */
const EXEC_ACTIONS = new Set(['exec_create', 'exec_start', 'exec']);

function severityFor(command: string, lists: Lists): 'high' | undefined {
  return lists.has('suspicious-command-patterns', command) ? 'high' : undefined;
}

function lifecycleHit(obs: LifecycleObservation, lists: Lists): Hit | null {
  if (!EXEC_ACTIONS.has(obs.action)) return null;
  const name = obs.name ?? obs.container?.slice(0, 12) ?? 'a container';
  const command = obs.detail ?? '';
  const subject: Subject = { containerId: obs.container, containerName: obs.name, pod: obs.pod };
  return {
    subject,
    summary: command ? `exec into ${name}: ${command}` : `exec into ${name} (command not recorded)`,
    key: command,
    severity: severityFor(command, lists),
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

function apiHit(obs: ApiObservation, lists: Lists): Hit | null {
  if (obs.resource !== 'pods' || !obs.namespace || !obs.name) return null;
  if (obs.subresource !== 'exec' && obs.subresource !== 'attach') return null;
  const command = obs.subresource === 'exec' ? commandFromUri(obs.requestURI) : '';
  const pod = `${obs.namespace}/${obs.name}`;
  const by = obs.user ? ` by ${obs.user}` : '';
  return {
    subject: { pod: { namespace: obs.namespace, name: obs.name } },
    summary: `${obs.subresource} into pod ${pod}${by}${command ? `: ${command}` : ''}`,
    key: `${obs.subresource}:${command}`,
    severity: severityFor(command, lists),
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
export const containerExec: RuleLogic = {
  id: 'container-exec',
  kinds: ['lifecycle', 'api'],
  create(ctx) {
    const lists = ctx.settings.lists;
    const seen = new Set<string>();
    return {
      observe(obs, emit) {
        if (obs.kind === 'lifecycle') {
          const hit = lifecycleHit(obs, lists);
          if (hit) emit(hit, obs);
          return;
        }
        if (obs.kind !== 'api') return;
        if (obs.auditID && seen.has(obs.auditID)) return;
        const hit = apiHit(obs, lists);
        if (!hit) return;
        if (obs.auditID) seen.add(obs.auditID);
        emit(hit, obs);
      },
    };
  },
};
