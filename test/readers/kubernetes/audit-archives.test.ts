import { describe, expect, it } from 'vitest';
import { auditReader } from '../../../src/readers/kubernetes/audit-reader.js';
import { identify, jsonl, ofKind, readWith } from './helpers.js';

/** A v1 event; `over` replaces or (undefined) drops fields. */
const event = (id: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'Metadata',
  auditID: id,
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/dev/pods/web/exec?command=sh',
  verb: 'create',
  user: { username: 'alice' },
  objectRef: { resource: 'pods', namespace: 'dev', name: 'web', subresource: 'exec' },
  responseStatus: { code: 101 },
  stageTimestamp: '2024-03-01T10:00:01.5Z',
  ...over,
});

/** One line of an AKS storage-account archive (PT1H.json). */
const aks = (log: unknown, category = 'kube-audit'): Record<string, unknown> => ({
  time: '2024-03-01T10:20:00.1400000Z',
  resourceId: '/SUBSCRIPTIONS/0000/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/X',
  category,
  operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read',
  properties: { log, stream: 'stdout', pod: 'kube-apiserver-7d9c' },
});

const NO_TIME = { stageTimestamp: undefined };

describe('k8s-audit: AKS storage-account archives, one record a line', () => {
  it.each([
    {
      name: 'logs as strings',
      lines: [aks(JSON.stringify(event('a'))), aks(JSON.stringify(event('b')))],
    },
    { name: 'logs as objects', lines: [aks(event('a')), aks(event('b'), 'kube-audit-admin')] },
    { name: 'CRLF lines', lines: [aks(event('a')), aks(event('b'))], crlf: true },
  ])('$name are read', async ({ lines, crlf }) => {
    const text = crlf ? jsonl(...lines).replaceAll('\n', '\r\n') : jsonl(...lines);
    expect(identify(text, 'PT1H.json')).toBe('k8s-audit');
    const { observations, stats } = await readWith(auditReader, text, 'PT1H.json');
    expect(stats).toMatchObject({ records: 2, skipped: 0 });
    expect(ofKind(observations, 'api').map((a) => [a.auditID, a.source])).toEqual([
      ['a', { path: 'PT1H.json', line: 1 }],
      ['b', { path: 'PT1H.json', line: 2 }],
    ]);
  });

  it("takes the record's time when the event has none", async () => {
    const text = jsonl(aks(JSON.stringify(event('a', NO_TIME))));
    const { observations } = await readWith(auditReader, text);
    expect(observations[0]?.time).toBe('2024-03-01T10:20:00.1400000Z');
  });

  it.each([
    { name: 'a log that is not JSON', bad: aks('I0301 10:20:00 text'), message: /not JSON/ },
    { name: 'no log at all', bad: { ...aks(null), properties: {} }, message: /no properties.log/ },
    { name: 'a line cut short', bad: '{"time":"2024-03-01","category":"kube-au', message: /JSON/ },
  ])('a record with $name is skipped and located', async ({ bad, message }) => {
    const text = jsonl(aks(event('a')), bad, aks(event('c')));
    const { observations, stats } = await readWith(auditReader, text);
    expect(stats).toMatchObject({ records: 2, skipped: 1 });
    expect(stats.warnings[0]).toEqual({ line: 2, message: expect.stringMatching(message) });
    expect(ofKind(observations, 'api')).toHaveLength(2);
  });

  it('an archive of another category is not taken for an audit log', () => {
    const text = jsonl(aks('I0301 10:20:00 started', 'kube-apiserver'));
    expect(identify(text, 'PT1H.json')).not.toBe('k8s-audit');
  });
});

describe('k8s-audit: EKS exports to S3, a time before each event', () => {
  const stamped = (time: string, value: unknown) => `${time} ${JSON.stringify(value)}`;

  it.each([
    { name: 'milliseconds', time: '2024-03-01T10:20:00.140Z', utc: '2024-03-01T10:20:00.140Z' },
    { name: 'seconds', time: '2024-03-01T10:20:00Z', utc: '2024-03-01T10:20:00Z' },
    { name: 'an offset', time: '2024-03-01T12:20:00.140+02:00', utc: '2024-03-01T10:20:00.140Z' },
  ])('lines stamped to $name are read', async ({ time, utc }) => {
    const text = jsonl(stamped(time, event('a')), stamped(time, event('b', NO_TIME)));
    expect(identify(text, '000000.gz')).toBe('k8s-audit');
    const { observations, stats } = await readWith(auditReader, text);
    expect(stats).toMatchObject({ records: 2, skipped: 0 });
    const api = ofKind(observations, 'api');
    expect(api.map((a) => a.auditID)).toEqual(['a', 'b']);
    expect(api.map((a) => a.time)).toEqual(['2024-03-01T10:00:01.5Z', utc]);
  });

  it('a stamped line whose message is no JSON is skipped and located', async () => {
    const time = '2024-03-01T10:20:00.140Z';
    const text = jsonl(stamped(time, event('a')), `${time} {"kind":"Ev`, stamped(time, event('c')));
    const { stats } = await readWith(auditReader, text);
    expect(stats).toMatchObject({ records: 2, skipped: 1 });
    expect(stats.warnings[0]).toEqual({ line: 2, message: expect.stringMatching(/not JSON/) });
  });

  it.each([
    { name: 'a container log', text: jsonl('2024-03-01T10:20:00Z {"log":"hello"}') },
    { name: 'plain text', text: jsonl('2024-03-01T10:20:00Z started the server') },
  ])('stamped lines of $name are not taken for an audit log', ({ text }) => {
    expect(identify(text)).not.toBe('k8s-audit');
  });
});
