import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/model/observation.js';
import type { ReaderOutput } from '../../src/readers/reader.js';
import { replay, START_WINDOW } from '../../src/replay/merge.js';
import { api } from '../helpers/observations.js';

/** An api observation at second `s` of a day, named by its input and position. */
function at(s: number | null, name: string): Observation {
  const ts = s === null ? null : Date.UTC(2026, 0, 2) + s * 1000;
  return api({ name, ts, time: ts === null ? null : new Date(ts).toISOString() });
}

async function* input(items: Observation[], batch = 7): AsyncIterable<ReaderOutput> {
  for (let i = 0; i < items.length; i += batch) yield items.slice(i, i + batch);
}

async function order(inputs: Observation[][]): Promise<{ dated: string[]; undated: string[] }> {
  const undated: string[] = [];
  const dated: string[] = [];
  const streams = inputs.map((items) => input(items));
  for await (const batch of replay(streams, (o) => undated.push((o as { name: string }).name))) {
    for (const obs of batch) dated.push((obs as { name: string }).name);
  }
  return { dated, undated };
}

describe('replay', () => {
  it('merges inputs by time, ties to the earlier input, undated aside', async () => {
    const a = [at(1, 'a1'), at(3, 'a3'), at(null, 'a-undated'), at(5, 'a5')];
    const b = [at(2, 'b2'), at(3, 'b3'), at(4, 'b4')];
    expect(await order([a, b])).toEqual({
      dated: ['a1', 'b2', 'a3', 'b3', 'b4', 'a5'],
      undated: ['a-undated'],
    });
  });

  it('sorts an input far more out of order than it starts out buffering', async () => {
    const count = START_WINDOW * 4;
    const reversed = Array.from({ length: count }, (_, i) => at(count - i, `r${count - i}`));
    const { dated } = await order([reversed]);
    // The first records pass before the input shows its disorder; the first one to
    // arrive after a later one has passed opens the window wide enough for the rest.
    const times = dated.map((n) => Number(n.slice(1)));
    const rest = times.slice(START_WINDOW);
    expect(rest).toEqual([...rest].sort((x, y) => x - y));
    expect(dated).toHaveLength(count);
  });

  it('keeps the arrival order of equal times', async () => {
    const same = Array.from({ length: 50 }, (_, i) => at(7, `s${i}`));
    const { dated } = await order([same]);
    expect(dated).toEqual(same.map((o) => (o as { name: string }).name));
  });

  it('opens the window when a record arrives after later ones were handed on', async () => {
    // In order for a while, then one record far older than what has passed.
    const items = Array.from({ length: START_WINDOW * 3 }, (_, i) => at(i + 10, `t${i + 10}`));
    items.push(
      at(1, 't1'),
      ...Array.from({ length: 3000 }, (_, i) => at(5000 - i, `u${5000 - i}`)),
    );
    const { dated } = await order([items]);
    const tail = dated.slice(-3000).map((n) => Number(n.slice(1)));
    expect(tail).toEqual([...tail].sort((x, y) => x - y));
  });
});
