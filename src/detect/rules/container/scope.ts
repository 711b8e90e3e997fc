import type { ConfigObservation } from '../../../model/observation.js';

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
