import { describe, expect, it } from 'vitest';
import { duration } from '../../../../src/detect/rules/kubernetes/workloads/audit-gap.js';
import type { ApiObservation } from '../../../../src/model/observation.js';
import { request, run } from './pack.js';

const ID = 'k8s-audit-log-gap';
const T0 = Date.parse('2025-05-14T10:00:00Z');

/** One request of file `path` at `seconds` after T0, on `line`. */
function at(seconds: number, line: number, over: Partial<ApiObservation> = {}): ApiObservation {
  const ts = T0 + seconds * 1000;
  return request({
    time: new Date(ts).toISOString(),
    ts,
    auditID: `id-${line}`,
    source: { path: 'audit.log', line },
    ...over,
  });
}

/** `count` requests `every` seconds apart from `start`, lines from `line`. */
function steady(start: number, count: number, every: number, line: number): ApiObservation[] {
  return Array.from({ length: count }, (_, i) => at(start + i * every, line + i));
}

describe(ID, () => {
  it('reports a silence far longer than the log usually rests', () => {
    const { hits } = run(ID, [...steady(0, 150, 2, 1), ...steady(7200, 5, 2, 200)]);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.summary).toContain('is silent for 1 h 55 min');
    expect(hits[0]!.hit.evidence).toEqual([
      { path: 'audit.log', line: 150 },
      { path: 'audit.log', line: 200 },
    ]);
  });

  it.each([
    ['a short log', [...steady(0, 20, 2, 1), ...steady(7200, 5, 2, 100)]],
    ['a pause under 15 minutes', [...steady(0, 150, 2, 1), ...steady(1000, 5, 2, 200)]],
    [
      'a filtered extract that rests minutes',
      [...steady(0, 150, 120, 1), ...steady(30000, 5, 2, 200)],
    ],
    ['undated records', [at(0, 1, { ts: null, time: null }), at(0, 2, { ts: null, time: null })]],
  ])('stays quiet on %s', (_, observations) => {
    expect(run(ID, observations).hits).toEqual([]);
  });

  it('reports the requests the reader saw logged twice, once per file', () => {
    const again = { notes: ['duplicate-audit-id'] };
    const { hits } = run(ID, [
      at(0, 1, { auditID: 'id-1' }),
      at(1, 2, { auditID: 'id-2' }),
      at(2, 3, { auditID: 'id-1', ...again }),
      at(3, 4, { auditID: 'id-2', ...again }),
    ]);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.summary).toContain('2 finished request(s) twice (auditID id-1, id-2)');
  });

  it('reports records that go back in time down the file', () => {
    // Line 2 is two hours later than line 3: arriving in time order, line 3 comes first.
    const { hits } = run(ID, [at(0, 1), at(10, 3), at(7210, 2), at(7300, 4)]);
    expect(hits.map((h) => h.hit.summary)).toEqual([
      expect.stringContaining('goes back in time 1 time(s), by up to 2 h'),
    ]);
  });

  it('reports a step back the replay could not sort', () => {
    const { hits } = run(ID, [at(7200, 1), at(0, 2)]);
    expect(hits[0]!.hit.summary).toContain('by up to 2 h');
  });

  it('lets writers race by under a minute', () => {
    expect(run(ID, [at(0, 1), at(5, 3), at(30, 2)]).hits).toEqual([]);
  });

  it('keeps files apart', () => {
    const other = (o: ApiObservation): ApiObservation => ({
      ...o,
      source: { path: 'b.log', line: 1 },
    });
    expect(run(ID, [at(0, 1), other(at(1, 2, { auditID: 'id-1' }))]).hits).toEqual([]);
  });

  it.each([
    [5_000, '5 s'],
    [125_000, '2 min 5 s'],
    [5_400_000, '1 h 30 min'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
});
