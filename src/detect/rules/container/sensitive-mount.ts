import type { ConfigObservation, Mount } from '../../../model/observation.js';
import type { Severity } from '../../../model/severity.js';
import { matcher, type Hit } from '../../rule.js';
import { RUNTIME_SOCKETS, SENSITIVE_HOST_PATHS, SENSITIVE_ONLY_ITSELF } from '../../lists.js';
import { configLabel, configSubject, configVars } from './describe.js';

/**
 * Normalizes a host path: one slash between parts, no trailing slash.
 * Example: "/etc//k8s/" -> "/etc/k8s".
 */
export function normalizePath(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  return `/${parts.join('/')}`;
}

export function classifyMount(source: string): { severity: Severity; why: string } | null {
  const path = normalizePath(source);
  if (RUNTIME_SOCKETS.includes(path) || /\/(docker|containerd|crio|podman)\.sock$/.test(path)) {
    return { severity: 'critical', why: 'the container runtime socket' };
  }
  if (path === '/') return { severity: 'critical', why: "the host's root filesystem" };
  if (SENSITIVE_HOST_PATHS.includes(path))
    return { severity: 'high', why: 'a sensitive host path' };
  for (const parent of SENSITIVE_HOST_PATHS) {
    if (SENSITIVE_ONLY_ITSELF.has(parent)) continue;
    if (path.startsWith(`${parent}/`)) return { severity: 'high', why: `a path under ${parent}` };
  }
  return null;
}

function mountHit(obs: ConfigObservation, mount: Mount, source: string): Hit | null {
  const sensitive = classifyMount(source);
  const mode = mount.readOnly ? 'read-only' : 'read-write';
  if (sensitive) {
    return {
      subject: configSubject(obs),
      summary: `${configLabel(obs)} mounts ${sensitive.why} ${source} at ${mount.destination} (${mode})`,
      key: normalizePath(source),
      severity: sensitive.severity,
      vars: { ...configVars(obs), hostPath: source },
    };
  }
  if (mount.readOnly) return null;
  return {
    subject: configSubject(obs),
    summary: `${configLabel(obs)} mounts host folder ${source} read-write at ${mount.destination}`,
    key: normalizePath(source),
    severity: 'low',
    confidence: 0.5,
    vars: { ...configVars(obs), hostPath: source },
  };
}

function isBind(mount: Mount): boolean {
  return mount.type === null || mount.type === 'bind' || mount.type === 'hostPath';
}

export const containerSensitiveMount = matcher(
  {
    id: 'container-sensitive-mount',
    title: 'Sensitive host path mounted into a container',
    severity: 'high',
    confidence: 0.85,
    attack: ['T1611'],
    dataSources: ['container config: docker/podman inspect, kubectl pods, audit pod creates'],
    goal: 'Find containers that can read or rewrite the host, or drive the container runtime, through a mount.',
    strategy:
      'Compare each bind or hostPath mount source against the shared list of sensitive host ' +
      'paths and runtime sockets; a writable bind of any other host folder is noted as low.',
    blindSpots: [
      'Named volumes whose driver points at host paths are not resolved.',
      'Paths reached through symbolic links on the host are judged by the name given, not the target.',
    ],
    falsePositives: [
      'Log shippers mounting /var/log, monitoring agents mounting /proc or /sys read-only, CI runners given the Docker socket.',
    ],
    validation: ['fixtures/demo/docker/inspect.json', 'test/rules/container.test.ts'],
    response: [
      'Treat everything under {hostPath} on the host as exposed to {entity}: check it for changes since the container started.',
      'If a runtime socket was mounted, list every container created through it in the runtime events.',
      "Keep {entity}'s inspect output ({inspect}) and filesystem ({export}), then redeploy without the mount.",
    ],
  },
  ['config'],
  (obs) => {
    const hits: Hit[] = [];
    for (const mount of obs.mounts) {
      // Named volumes live under the runtime's own folder; only host binds expose the host.
      if (!mount.source || !isBind(mount)) continue;
      const hit = mountHit(obs, mount, mount.source);
      if (hit) hits.push(hit);
    }
    return hits;
  },
);
