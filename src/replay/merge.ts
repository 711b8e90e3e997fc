import type { Observation } from '../model/observation.js';

/**
 * How far out of order one input may be and still be replayed in order.
 * Exports are mostly time-ordered; inspect arrays and pod lists are not.
 */
export const REORDER_WINDOW = 4096;

interface Cursor {
  index: number;
  iterator: AsyncIterator<Observation>;
  buffer: Heap;
  done: boolean;
  seq: number;
}

interface Entry {
  obs: Observation;
  seq: number;
}

/**
 * Merges the observations of every input into one time-ordered stream (a
 * k-way merge, each input smoothed by a bounded reorder buffer). Ties go to
 * the earlier input, then to the earlier record, so the order is stable.
 * Undated observations pass straight through: no rule orders by them.
 */
export async function* replay(
  inputs: AsyncIterable<Observation>[],
  undated: (obs: Observation) => void,
): AsyncGenerator<Observation> {
  const cursors: Cursor[] = inputs.map((input, index) => ({
    index,
    iterator: input[Symbol.asyncIterator](),
    buffer: new Heap(),
    done: false,
    seq: 0,
  }));
  await Promise.all(cursors.map((c) => fill(c, undated)));
  for (;;) {
    const cursor = earliest(cursors);
    if (!cursor) return;
    yield cursor.buffer.pop()!.obs;
    if (!cursor.done) await fill(cursor, undated);
  }
}

async function fill(cursor: Cursor, undated: (obs: Observation) => void): Promise<void> {
  while (!cursor.done && cursor.buffer.size < REORDER_WINDOW) {
    const next = await cursor.iterator.next();
    if (next.done) {
      cursor.done = true;
      return;
    }
    if (next.value.ts === null) undated(next.value);
    else cursor.buffer.push({ obs: next.value, seq: cursor.seq++ });
  }
}

function earliest(cursors: Cursor[]): Cursor | null {
  let best: Cursor | null = null;
  for (const c of cursors) {
    const top = c.buffer.peek();
    if (!top) continue;
    const bestTop = best?.buffer.peek();
    if (!bestTop || top.obs.ts! < bestTop.obs.ts!) best = c;
  }
  return best;
}

/** A binary min-heap ordered by time, then arrival. */
class Heap {
  private readonly items: Entry[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Entry | undefined {
    return this.items[0];
  }

  push(entry: Entry): void {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): Entry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      this.sink(0);
    }
    return top;
  }

  private sink(i: number): void {
    const items = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && before(items[l]!, items[m]!)) m = l;
      if (r < items.length && before(items[r]!, items[m]!)) m = r;
      if (m === i) return;
      [items[i], items[m]] = [items[m]!, items[i]!];
      i = m;
    }
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.obs.ts! < b.obs.ts! || (a.obs.ts === b.obs.ts && a.seq < b.seq);
}
