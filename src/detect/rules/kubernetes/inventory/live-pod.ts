import type { ConfigObservation, PodRef } from '../../../../model/observation.js';

/**
 * Notes that mark a container as written in a request or a template, not
 * running now: an audited pod write, a workload's pod template, a patch
 * fragment. The inventory rules judge live pods only.
 */
const NOT_LIVE: ReadonlySet<string> = new Set([
  'audit-request',
  'request-rejected',
  'from-patch',
  'pod-template',
]);

export type LivePodConfig = ConfigObservation & { pod: PodRef };

/**
 * Whether a config is a container of a pod as `kubectl get pods -o json`
 * lists it. NOTE: a pod manifest printed client-side (`--dry-run -o json`)
 * reads the same; nothing in it says whether it ever ran.
 */
export function isLivePod(obs: ConfigObservation): obs is LivePodConfig {
  if (obs.runtime !== 'kubernetes' || obs.pod === null) return false;
  return !(obs.notes ?? []).some((note) => NOT_LIVE.has(note));
}

/** Example: "dev/web-7d9c6b5f4-abcde". */
export function podName(pod: PodRef): string {
  return `${pod.namespace}/${pod.name}`;
}
