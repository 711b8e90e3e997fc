import { describe, expect, it } from 'vitest';
import { auditReader } from '../../../src/readers/kubernetes/audit-reader.js';
import { RequestGroups } from '../../../src/readers/kubernetes/audit-requests.js';
import { jsonl, ofKind, readWith } from './helpers.js';

/** One stage of request `id`, received at second `received`, reaching its stage `at` seconds on. */
const stage = (id: string, name: string, received = 0, at = 0): Record<string, unknown> => ({
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'Metadata',
  auditID: id,
  stage: name,
  verb: 'create',
  requestURI: '/api/v1/namespaces/dev/pods/web/exec?command=sh',
  user: { username: 'alice' },
  objectRef: { resource: 'pods', namespace: 'dev', name: 'web', subresource: 'exec' },
  requestReceivedTimestamp: new Date(Date.parse('2024-03-01T10:00:00Z') + received * 1000)
    .toISOString()
    .replace('Z', '000Z'),
  stageTimestamp: new Date(
    Date.parse('2024-03-01T10:00:00Z') + (received + at) * 1000,
  ).toISOString(),
});

const RR = 'RequestReceived';
const RS = 'ResponseStarted';
const RC = 'ResponseComplete';

describe('k8s-audit: stages in any order make one request', () => {
  it.each([
    { name: 'oldest first', lines: [stage('x', RR), stage('x', RS, 0, 1), stage('x', RC, 0, 9)] },
    { name: 'newest first', lines: [stage('x', RC, 0, 9), stage('x', RS, 0, 1), stage('x', RR)] },
    { name: 'final first', lines: [stage('x', RC, 0, 9), stage('x', RR), stage('x', RS, 0, 1)] },
    {
      name: 'final last, rest reversed',
      lines: [stage('x', RS, 0, 1), stage('x', RR), stage('x', RC, 0, 9)],
    },
    {
      name: 'merged from two servers',
      lines: [stage('x', RR), stage('y', RC, 0, 2), stage('x', RC, 0, 9), stage('y', RR)],
      ids: ['y', 'x'],
    },
  ])('$name', async ({ lines, ids = ['x'] }) => {
    const { observations, stats } = await readWith(auditReader, jsonl(...lines));
    expect(stats).toMatchObject({ records: lines.length, skipped: 0 });
    const api = ofKind(observations, 'api');
    expect(api.map((a) => a.auditID)).toEqual(ids);
    expect(api.every((a) => a.stage === RC)).toBe(true);
  });

  it('a late stage of a request given out long ago, once forgotten, is a request again', () => {
    const groups = new RequestGroups(10_000, 3);
    const out = [stage('x', RC, 0, 9), stage('a', RC), stage('b', RC), stage('c', RC)].flatMap(
      (event, i) => groups.add(event, { value: event, line: i + 1, fallbackTime: null }),
    );
    expect(out).toHaveLength(4);
    const late = stage('x', RR);
    expect(groups.add(late, { value: late, line: 5, fallbackTime: null })).toEqual([]);
    expect(groups.drain().map((r) => [r.event['auditID'], r.stages])).toEqual([['x', [RR]]]);
  });

  it('a late stage of a request still remembered gives nothing, drained or not', () => {
    const groups = new RequestGroups(10_000, 3);
    const add = (event: Record<string, unknown>, line: number) =>
      groups.add(event, { value: event, line, fallbackTime: null });
    expect(add(stage('x', RC, 0, 9), 1)).toHaveLength(1);
    expect([...add(stage('a', RC), 2), ...add(stage('b', RC), 3)]).toHaveLength(2);
    expect([...add(stage('x', RS, 0, 1), 4), ...add(stage('x', RR), 5)]).toEqual([]);
    expect(groups.drain()).toEqual([]);
  });

  it.each([
    { name: 'a later request', received: 60, want: ['x', 'x'] },
    { name: 'the same request', received: 0, want: ['x'] },
  ])('an auditID reused by $name is told apart by its arrival time', async (c) => {
    const lines = [stage('x', RC, 0, 5), stage('x', RR, c.received)];
    const { observations, stats } = await readWith(auditReader, jsonl(...lines));
    expect(stats.records).toBe(2);
    expect(ofKind(observations, 'api').map((a) => a.auditID)).toEqual(c.want);
  });

  it('a request pushed out while waiting is not given out again by its late stage', () => {
    const groups = new RequestGroups(1, 10);
    const add = (event: Record<string, unknown>, line: number) =>
      groups.add(event, { value: event, line, fallbackTime: null });
    add(stage('x', RR), 1);
    expect(add(stage('y', RR), 2).map((r) => r.event['auditID'])).toEqual(['x']);
    expect(add(stage('x', RS, 0, 1), 3)).toEqual([]);
    expect(groups.drain().map((r) => r.event['auditID'])).toEqual(['y']);
  });
});

describe('a finished request logged again', () => {
  it('is noted as a duplicate auditID', async () => {
    const event = {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Metadata',
      auditID: 'dup-1',
      stage: 'ResponseComplete',
      verb: 'get',
      requestURI: '/api/v1/namespaces/default/pods/web',
      objectRef: { resource: 'pods', namespace: 'default', name: 'web' },
      requestReceivedTimestamp: '2026-01-02T03:04:05.000000Z',
      stageTimestamp: '2026-01-02T03:04:05.010000Z',
    };
    const other = { ...event, auditID: 'other-1' };
    const { observations } = await readWith(auditReader, jsonl([event, other, event]));
    const notes = observations.filter((o) => o.kind === 'api').map((o) => o.notes ?? []);
    expect(notes).toEqual([
      ['metadata-level'],
      ['metadata-level'],
      ['metadata-level', 'duplicate-audit-id'],
    ]);
  });
});
