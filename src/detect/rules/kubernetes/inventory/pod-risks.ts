import type { ConfigObservation } from '../../../../model/observation.js';
import { hostPathClass } from '../../../host-paths.js';
import { capabilityName, type Lists } from '../../../lists.js';

/**
 * One reason a container adds to its pod's risk score, and its weight.
 * The weights follow the order kubesec gives its checks (privileged and
 * SYS_ADMIN far above host namespaces, those above hardening gaps), on a
 * risk scale: higher is worse. Example: { id: "privileged", points: 30 }.
 */
export interface Risk {
  id: string;
  text: string;
  points: number;
}

const PRIVILEGED = 30;
const ALL_POWERFUL_CAP = 30;
const DANGEROUS_CAP = 10;
const HOST_PID = 10;
const HOST_IPC = 8;
const HOST_NETWORK = 8;
const RUNTIME_SOCKET = 30;
const SENSITIVE_HOST_PATH = 15;
const HOST_PATH = 5;
const UNCONFINED = 5;
const RUNS_AS_ROOT = 5;
const HOST_PORT = 3;
const NO_LIMITS = 1;

/** Capabilities that are root in all but name. */
const ROOT_EQUIVALENT: ReadonlySet<string> = new Set(['ALL', 'SYS_ADMIN']);

/** Every risk one container carries; pod-wide ones repeat in each container. */
export function containerRisks(obs: ConfigObservation, lists: Lists): Risk[] {
  const risks: Risk[] = [];
  const add = (id: string, text: string, points: number) => risks.push({ id, text, points });
  if (obs.privileged === true) add('privileged', 'privileged', PRIVILEGED);
  capabilityRisks(obs.capAdd, lists, add);
  if (obs.pidMode === 'host') add('host-pid', 'hostPID', HOST_PID);
  if (obs.ipcMode === 'host') add('host-ipc', 'hostIPC', HOST_IPC);
  if (obs.networkMode === 'host') add('host-network', 'hostNetwork', HOST_NETWORK);
  mountRisks(obs, lists, add);
  if (obs.seccomp === 'unconfined') add('seccomp', 'seccomp unconfined', UNCONFINED);
  if (obs.apparmor === 'unconfined') add('apparmor', 'AppArmor unconfined', UNCONFINED);
  if (obs.user === '0') add('root', 'runs as root (runAsUser 0)', RUNS_AS_ROOT);
  if ((obs.ports ?? []).some((p) => p.hostPort !== null)) add('host-port', 'hostPort', HOST_PORT);
  if (!obs.limits) add('no-limits', 'no resource limits', NO_LIMITS);
  return risks;
}

type Add = (id: string, text: string, points: number) => void;

function capabilityRisks(capAdd: string[], lists: Lists, add: Add): void {
  for (const raw of capAdd) {
    const cap = capabilityName(raw);
    if (ROOT_EQUIVALENT.has(cap)) add(`cap-${cap}`, `adds ${cap}`, ALL_POWERFUL_CAP);
    else if (lists.has('dangerous-capabilities', cap))
      add(`cap-${cap}`, `adds ${cap}`, DANGEROUS_CAP);
  }
}

/** hostPath volumes: a runtime socket, a sensitive host path, or any other. */
function mountRisks(obs: ConfigObservation, lists: Lists, add: Add): void {
  for (const mount of obs.mounts) {
    if (mount.type !== 'hostPath' || mount.source === null) continue;
    const path = mount.source;
    const kind = hostPathClass(path, lists);
    if (kind === 'socket') add(`socket:${path}`, `mounts ${path}`, RUNTIME_SOCKET);
    else if (kind !== null) add(`host-path:${path}`, `mounts host ${path}`, SENSITIVE_HOST_PATH);
    else add(`host-path:${path}`, `mounts host ${path}`, HOST_PATH);
  }
}

/**
 * Severity by score, and the least score worth a finding: a pod whose only
 * gap is a missing limit is the common case, not a lead.
 */
export function severityOfScore(score: number): 'critical' | 'high' | 'medium' | 'low' | null {
  if (score >= 60) return 'critical';
  if (score >= 30) return 'high';
  if (score >= 10) return 'medium';
  if (score >= 5) return 'low';
  return null;
}
