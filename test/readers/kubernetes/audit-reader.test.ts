import { describe, expect, it } from 'vitest';
import { auditReader } from '../../../src/readers/kubernetes/audit-reader.js';
import { jsonl, ofKind, readWith } from './helpers.js';

const event = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'Metadata',
  auditID: 'a1',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/dev/pods/web-1/exec?command=sh',
  verb: 'create',
  user: { username: 'alice', groups: ['system:authenticated'] },
  impersonatedUser: { username: 'bob' },
  sourceIPs: ['::ffff:10.0.0.9', '2001:DB8:0::15'],
  userAgent: 'kubectl/v1.29.0',
  objectRef: { resource: 'pods', namespace: 'dev', name: 'web-1', subresource: 'exec' },
  responseStatus: { code: 101 },
  requestReceivedTimestamp: '2024-03-01T10:00:00.000001Z',
  stageTimestamp: '2024-03-01T10:00:01.5Z',
  ...over,
});

describe('k8s-audit: event shapes', () => {
  it.each([
    { name: 'JSON lines', text: jsonl(event(), event({ auditID: 'a2' })), count: 2 },
    {
      name: 'JSON array',
      text: JSON.stringify([event(), event({ auditID: 'a2' })], null, 2),
      count: 2,
    },
    {
      name: 'EventList',
      text: JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [event()] }),
      count: 1,
    },
    {
      name: 'JSON array with one event a line',
      text: `[\n${JSON.stringify(event())},\n${JSON.stringify(event({ auditID: 'a2' }))}\n]`,
      count: 2,
    },
    {
      name: 'EventList with one event a line',
      text: `{"kind": "EventList", "items": [\n${JSON.stringify(event())}\n]}`,
      count: 1,
    },
    { name: 'single pretty document', text: JSON.stringify(event(), null, 2), count: 1 },
    {
      name: 'AKS records with log strings',
      text: JSON.stringify({
        records: [
          { category: 'kube-audit', properties: { log: JSON.stringify(event()) } },
          { category: 'kube-audit', properties: { log: JSON.stringify(event({ auditID: 'a2' })) } },
        ],
      }),
      count: 2,
    },
    {
      name: 'AKS records with log objects',
      text: JSON.stringify({
        records: [{ category: 'kube-audit-admin', properties: { log: event() } }],
      }),
      count: 1,
    },
  ])('$name gives one api observation per event', async ({ text, count }) => {
    const { observations, stats } = await readWith(auditReader, text);
    expect(stats.records).toBe(count);
    expect(stats.skipped).toBe(0);
    expect(ofKind(observations, 'api')).toHaveLength(count);
  });

  it('maps every field of a v1 event', async () => {
    const { observations } = await readWith(auditReader, jsonl(event()));
    expect(observations[0]).toEqual({
      kind: 'api',
      time: '2024-03-01T10:00:01.5Z',
      ts: Date.parse('2024-03-01T10:00:01.500Z'),
      source: { path: 'input.json', line: 1 },
      auditID: 'a1',
      stage: 'ResponseComplete',
      level: 'Metadata',
      verb: 'create',
      resource: 'pods',
      subresource: 'exec',
      namespace: 'dev',
      name: 'web-1',
      user: 'alice',
      impersonatedUser: 'bob',
      sourceIPs: ['10.0.0.9', '2001:db8::15'],
      code: 101,
      userAgent: 'kubectl/v1.29.0',
      requestURI: '/api/v1/namespaces/dev/pods/web-1/exec?command=sh',
      apiGroup: '',
      userGroups: ['system:authenticated'],
      requestObject: null,
      responseObject: null,
      annotations: {},
      stages: ['ResponseComplete'],
      duration: 1.499999,
      notes: ['metadata-level'],
    });
  });

  it.each([
    { name: 'stageTimestamp wins', over: {}, time: '2024-03-01T10:00:01.5Z' },
    {
      name: 'requestReceivedTimestamp next',
      over: { stageTimestamp: undefined },
      time: '2024-03-01T10:00:00.000001Z',
    },
    {
      name: 'v1beta1 timestamp last',
      over: {
        apiVersion: 'audit.k8s.io/v1beta1',
        stageTimestamp: undefined,
        requestReceivedTimestamp: undefined,
        timestamp: '2018-10-26T13:38:34Z',
      },
      time: '2018-10-26T13:38:34Z',
    },
    {
      name: 'no time at all',
      over: { stageTimestamp: undefined, requestReceivedTimestamp: undefined },
      time: null,
    },
  ])('time: $name', async ({ over, time }) => {
    const { observations } = await readWith(auditReader, jsonl(event(over)));
    expect(observations[0]?.time).toBe(time);
  });

  it('takes an event without apiVersion by its fields, as old exports write them', async () => {
    const bare = event({ apiVersion: undefined, kind: undefined });
    const { observations } = await readWith(auditReader, JSON.stringify(bare));
    expect(ofKind(observations, 'api')[0]?.auditID).toBe('a1');
  });

  it('measures a long watch from arrival to completion', async () => {
    const watch = event({
      verb: 'watch',
      requestReceivedTimestamp: '2024-03-01T10:22:00.000000Z',
      stageTimestamp: '2024-03-01T10:52:00.002Z',
    });
    const { observations } = await readWith(auditReader, jsonl(watch));
    expect(ofKind(observations, 'api')[0]?.duration).toBe(1800.002);
  });

  it('uses the AKS record time when the event has none', async () => {
    const bare = event({ stageTimestamp: undefined, requestReceivedTimestamp: undefined });
    const text = JSON.stringify({
      records: [
        { time: '2020-05-05T16:16:37.0000000Z', properties: { log: JSON.stringify(bare) } },
      ],
    });
    const { observations } = await readWith(auditReader, text);
    expect(observations[0]?.time).toBe('2020-05-05T16:16:37.0000000Z');
  });
});

describe('k8s-audit: bad records are skipped, counted and located', () => {
  it.each([
    { name: 'a line that is not JSON', bad: '{"auditID": "x", ', message: /not JSON/ },
    {
      name: 'a line that is no event',
      bad: '{"kind": 0}',
      message: /not a Kubernetes audit event/,
    },
    { name: 'a line that is a number', bad: '42', message: /not a Kubernetes audit event/ },
  ])('$name', async ({ bad, message }) => {
    const text = jsonl(event(), bad, event({ auditID: 'a3' }));
    const { observations, stats } = await readWith(auditReader, text);
    expect(stats.records).toBe(2);
    expect(stats.skipped).toBe(1);
    expect(stats.warnings[0]).toEqual({ line: 2, message: expect.stringMatching(message) });
    expect(observations).toHaveLength(2);
  });

  it.each([
    {
      name: 'log that is not JSON',
      record: { properties: { log: '{"auditID":' } },
      message: /not JSON/,
    },
    { name: 'no log at all', record: { properties: {} }, message: /has no properties.log/ },
  ])('an AKS record with $name', async ({ record, message }) => {
    const good = { properties: { log: JSON.stringify(event()) } };
    const text = JSON.stringify({ records: [good, record] }, null, 1);
    const { stats } = await readWith(auditReader, text);
    expect(stats.records).toBe(1);
    expect(stats.skipped).toBe(1);
    expect(stats.warnings[0]?.message).toMatch(message);
    expect(stats.warnings[0]?.line).toBeGreaterThan(1);
  });

  it.each([
    { name: 'a document that is no event', text: '{"kind": 0}', reason: /"kind": 0/ },
    { name: 'an empty array', text: '[]', reason: /no Kubernetes audit event/ },
    {
      name: 'lines of which none is an event',
      text: jsonl({ kind: 1 }, { kind: 2 }),
      reason: /"kind": 1/,
    },
  ])('$name is given up as not an audit log', async ({ text, reason }) => {
    const result = await readWith(auditReader, text);
    expect(result.notThisFormat).toMatch(reason);
    expect(result.observations).toEqual([]);
  });

  it('reports the first non-events once an event shows up', async () => {
    const { stats } = await readWith(auditReader, jsonl({ kind: 0 }, event()));
    expect(stats).toMatchObject({ records: 1, skipped: 1 });
    expect(stats.warnings[0]?.line).toBe(1);
  });

  it.each([
    { name: 'objectRef a string', over: { objectRef: 'pods' } },
    { name: 'user a number', over: { user: 7 } },
    { name: 'sourceIPs not a list', over: { sourceIPs: '10.0.0.1' } },
    { name: 'code a string', over: { responseStatus: { code: 'x' } } },
    { name: 'timestamp garbage', over: { stageTimestamp: 'yesterday' } },
  ])('survives hostile field types: $name', async ({ over }) => {
    const { observations, stats } = await readWith(auditReader, jsonl(event(over)));
    expect(stats.records).toBe(1);
    expect(ofKind(observations, 'api')).toHaveLength(1);
  });
});
