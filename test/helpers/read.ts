import type { Observation } from '../../src/model/observation.js';
import type { ReaderOutput } from '../../src/readers/reader.js';

/** Every observation a reader yields, whether it yields them one by one or in batches. */
export async function collect(output: AsyncIterable<ReaderOutput>): Promise<Observation[]> {
  const all: Observation[] = [];
  for await (const item of output) {
    if (Array.isArray(item)) all.push(...(item as readonly Observation[]));
    else all.push(item as Observation);
  }
  return all;
}
