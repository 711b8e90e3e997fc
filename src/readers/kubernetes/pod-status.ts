import { parseTime } from '../../util/time.js';
import { arr, num, obj, str } from '../../util/text.js';

/**
 * What a pod's status says of one container: its runtime ID, when it ran,
 * how it ended, how often it restarted.
 * Spec: https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodStatus
 */
export interface ContainerState {
  id: string | null;
  imageId: string | null;
  /** The registry digest the image was pulled by. Example: "sha256:9b0e…". */
  repoDigest: string | null;
  started: string | null;
  finished: string | null;
  restartCount: number | null;
  exitCode: number | null;
}

export const NO_STATE: ContainerState = {
  id: null,
  imageId: null,
  repoDigest: null,
  started: null,
  finished: null,
  restartCount: null,
  exitCode: null,
};

/** Status lists by container kind, as the pod spec names them. */
const STATUS_LISTS: Record<string, string> = {
  containers: 'containerStatuses',
  initContainers: 'initContainerStatuses',
  ephemeralContainers: 'ephemeralContainerStatuses',
};

/** The status entry of the container `name` in the spec list `list`. */
export function containerState(
  status: Record<string, unknown> | null,
  list: string,
  name: string | null,
): ContainerState {
  const key = STATUS_LISTS[list];
  if (status === null || key === undefined || name === null) return NO_STATE;
  const entry = arr(status[key])
    .map(obj)
    .find((s) => str(s?.['name']) === name);
  if (!entry) return NO_STATE;
  const state = obj(entry['state']);
  const running = obj(state?.['running']);
  const terminated = obj(state?.['terminated']);
  // A container waiting to restart shows how it last ended in lastState.
  const last = obj(obj(entry['lastState'])?.['terminated']);
  return {
    id: runtimeId(entry['containerID']),
    imageId: configDigest(entry['imageID']),
    repoDigest: repoDigest(entry['imageID']),
    started: isoOf(running?.['startedAt'] ?? terminated?.['startedAt']),
    finished: isoOf(terminated?.['finishedAt']),
    restartCount: num(entry['restartCount']),
    exitCode: num(terminated?.['exitCode']) ?? num(last?.['exitCode']),
  };
}

/** Example: "containerd://a1848056a183…" → "a1848056a183…"; also docker://, cri-o://. */
export function runtimeId(value: unknown): string | null {
  const text = str(value);
  if (text === null) return null;
  const id = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return id === '' ? null : id;
}

/**
 * The image config digest, when imageID holds one.
 * NOTE: most runtimes report a repository digest here
 * ("docker.io/istio/base@sha256:6167…"), which is not the config digest that
 * image archives are known by, so only a bare digest is kept
 * ("sha256:cda5…", or "docker://sha256:cda5…" from dockershim).
 */
function configDigest(value: unknown): string | null {
  const id = runtimeId(value);
  return id !== null && /^sha256:[0-9a-f]{64}$/i.test(id) ? id.toLowerCase() : null;
}

/**
 * The digest after "@" in an image reference or an imageID.
 * Example: "docker-pullable://nginx@sha256:9b0e…" → "sha256:9b0e…".
 */
export function repoDigest(value: unknown): string | null {
  const text = str(value);
  const at = text?.lastIndexOf('@') ?? -1;
  if (text === null || at < 0) return null;
  const digest = text.slice(at + 1);
  return /^sha256:[0-9a-f]{64}$/i.test(digest) ? digest.toLowerCase() : null;
}

function isoOf(value: unknown): string | null {
  return parseTime(value)?.iso ?? null;
}
