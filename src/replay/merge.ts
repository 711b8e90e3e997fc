import type { Observation } from '../model/observation.js';
import type { ReaderOutput } from '../readers/reader.js';
import { RunBuffer } from './buffer.js';

/**
 * How far out of order one input may be and still be replayed in order.
 * Exports are mostly time-ordered; inspect arrays and pod lists are not.
 * The buffers of all inputs share one budget, so that a folder of many
 * files holds no more observations than a few large ones.
 */
export const REORDER_WINDOW = 4096;
/**
 * The window an input starts with. An input in time order never needs more,
 * and a smaller buffer keeps observations young: held long, they outlive
 * the collector's young generation and cost a full collection each. The
 * first record that arrives after a later one was handed on opens the
 * window to its limit.
 */
export const START_WINDOW = 512;
const MIN_WINDOW = 256;
const WINDOW_BUDGET = 256 * 1024;

/** The reorder window of each of `inputs` inputs replayed together. */
export function windowFor(inputs: number): number {
  return Math.max(
    MIN_WINDOW,
    Math.min(REORDER_WINDOW, Math.floor(WINDOW_BUDGET / Math.max(1, inputs))),
  );
}

/** Observations handed on at once; the consumer loops over them synchronously. */
const BATCH = 1024;

interface Cursor {
  iterator: AsyncIterator<ReaderOutput>;
  buffer: RunBuffer;
  done: boolean;
  window: number;
  /** The window once the input shows itself out of order. */
  limit: number;
}

/**
 * Merges the observations of every input into one time-ordered stream (a
 * k-way merge, each input smoothed by a bounded reorder buffer), handed on
 * in batches. Ties go to the earlier input, then to the earlier record, so
 * the order is stable. Undated observations go to `undated` as they arrive:
 * no rule orders by them.
 */
export async function* replay(
  inputs: AsyncIterable<ReaderOutput>[],
  undated: (obs: Observation) => void,
): AsyncGenerator<Observation[]> {
  const limit = windowFor(inputs.length);
  const cursors: Cursor[] = inputs.map((input) => ({
    iterator: input[Symbol.asyncIterator](),
    buffer: new RunBuffer(),
    done: false,
    window: Math.min(START_WINDOW, limit),
    limit,
  }));
  await Promise.all(cursors.map((c) => fill(c, undated)));
  let batch: Observation[] = [];
  for (;;) {
    const cursor = earliest(cursors);
    if (!cursor) break;
    batch.push(cursor.buffer.shift()!);
    // Topped up once half empty, so refills come in bulk.
    const starving = !cursor.done && cursor.buffer.size < cursor.window / 2;
    if (batch.length >= BATCH || starving) {
      yield batch;
      batch = [];
    }
    if (starving) await fill(cursor, undated);
  }
  if (batch.length > 0) yield batch;
}

async function fill(cursor: Cursor, undated: (obs: Observation) => void): Promise<void> {
  while (!cursor.done && cursor.buffer.size < cursor.window) {
    const next = await cursor.iterator.next();
    if (next.done) {
      cursor.done = true;
      return;
    }
    const value = next.value;
    if (!isBatch(value)) take(cursor, value, undated);
    else for (const obs of value) take(cursor, obs, undated);
  }
}

function isBatch(value: ReaderOutput): value is readonly Observation[] {
  return Array.isArray(value);
}

function take(cursor: Cursor, obs: Observation, undated: (obs: Observation) => void): void {
  if (obs.ts === null) undated(obs);
  else if (!cursor.buffer.push(obs)) cursor.window = cursor.limit;
}

function earliest(cursors: Cursor[]): Cursor | null {
  let best: Cursor | null = null;
  let bestTs = Infinity;
  for (const c of cursors) {
    const top = c.buffer.peek();
    if (top !== undefined && (best === null || top.ts! < bestTs)) {
      best = c;
      bestTs = top.ts!;
    }
  }
  return best;
}
