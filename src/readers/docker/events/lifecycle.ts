import type { LifecycleObservation } from '../../../model/observation.js';
import type { Source } from '../../../model/source.js';
import type { Instant } from '../../../util/time.js';

/** What an event says happened, before time and source are attached. */
export type LifecycleFields = Omit<LifecycleObservation, 'kind' | 'time' | 'ts' | 'source'>;

/** A lifecycle observation at a line of an event export. */
export function lifecycleAt(
  time: Instant | null,
  source: Source,
  fields: LifecycleFields,
): LifecycleObservation {
  return { kind: 'lifecycle', time: time?.iso ?? null, ts: time?.ms ?? null, source, ...fields };
}
