import { writeJson } from './json.js';
import { writeTable } from './table.js';
import type { Writer } from './writer.js';

/** Report formats by name; the same map feeds `--format`'s choices. */
export const WRITERS: ReadonlyMap<string, Writer> = new Map([
  ['table', writeTable],
  ['json', writeJson],
]);

export const FORMAT_NAMES: readonly string[] = [...WRITERS.keys()];
