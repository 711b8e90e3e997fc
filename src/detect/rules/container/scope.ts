import type { ConfigObservation } from '../../../model/observation.js';
import type { Lists } from '../../lists.js';

/**
 * Whether a config describes a container that exists or existed: an inspect
 * export or a kubectl pod, not the body of an audited write. The audit
 * reader marks a pod or workload it read from a request with the note
 * "audit-request"; what a request asked for is reported by the audit rules,
 * and a rejected request never ran at all.
 */
export function isLiveConfig(obs: ConfigObservation): boolean {
  return !(obs.notes?.includes('audit-request') ?? false);
}

/**
 * Whether the container runs an image the configuration trusts with host
 * privileges: a CNI, a CSI driver, a security agent (trusted-privileged-images),
 * or a control-plane image in kube-system or on a plain host (system-images).
 * A system image privileged in another namespace stays suspect: it may be
 * dressed up as one.
 */
export function isTrustedPrivileged(obs: ConfigObservation, lists: Lists): boolean {
  if (obs.image === null) return false;
  if (lists.has('trusted-privileged-images', obs.image)) return true;
  const systemPlace = obs.pod === null || obs.pod.namespace === 'kube-system';
  return systemPlace && lists.has('system-images', obs.image);
}
