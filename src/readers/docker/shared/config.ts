import type { ConfigObservation } from '../../../model/observation.js';
import type { Source } from '../../../model/source.js';
import type { Instant } from '../../../util/time.js';

/** Docker or Podman, as the report names the runtime that wrote a record. */
export type Runtime = 'docker' | 'podman';

/**
 * A config observation that states nothing yet: every setting unknown
 * (null) or empty. Readers fill in what their format carries, so that a
 * `docker ps` line never claims "not privileged" when it cannot know.
 */
export function blankConfig(
  runtime: Runtime,
  time: Instant | null,
  source: Source,
): ConfigObservation {
  return {
    kind: 'config',
    time: time?.iso ?? null,
    ts: time?.ms ?? null,
    source,
    runtime,
    container: null,
    name: null,
    image: null,
    imageId: null,
    pod: null,
    started: null,
    finished: null,
    privileged: null,
    capAdd: [],
    capDrop: [],
    seccomp: null,
    apparmor: null,
    pidMode: null,
    ipcMode: null,
    networkMode: null,
    utsMode: null,
    mounts: [],
    logDriver: null,
    user: null,
    command: null,
    env: [],
    addresses: [],
    restartCount: null,
    exitCode: null,
  };
}
