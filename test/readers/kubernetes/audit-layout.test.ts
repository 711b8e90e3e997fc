import { describe, expect, it } from 'vitest';
import { jsonl, ofKind, readAsFile } from './helpers.js';

/** A v1 event of request `id`; `body` pads it with a ConfigMap of that many characters. */
const event = (id: string, body = 0): Record<string, unknown> => ({
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: body > 0 ? 'RequestResponse' : 'Metadata',
  auditID: id,
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/dev/configmaps',
  verb: 'create',
  user: { username: 'alice' },
  objectRef: { resource: 'configmaps', namespace: 'dev', name: `cm-${id}` },
  responseStatus: { code: 201 },
  ...(body > 0 ? { requestObject: { kind: 'ConfigMap', data: { blob: 'x'.repeat(body) } } } : {}),
  stageTimestamp: '2024-03-01T10:00:01Z',
});

const MB = 1024 * 1024;
const tail = [event('b'), event('c'), event('d')];
const list = (items: unknown[]) => ({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items });
const ids = (text: string) =>
  readAsFile(text).then((r) => ({
    ...r,
    ids: ofKind(r.observations, 'api').map((a) => a.auditID),
  }));

describe('k8s-audit: the layout is not lost to one odd first line', () => {
  it.each([
    { name: 'an 8 MB first line', size: 8 * MB },
    { name: 'a 20 MB first line', size: 20 * MB },
  ])('$name longer than the head: every line is read', async ({ size }) => {
    const result = await ids(jsonl(event('a', size), ...tail));
    expect(result.format).toBe('k8s-audit');
    expect(result.stats).toMatchObject({ records: 4, skipped: 0 });
    expect(result.ids).toEqual(['a', 'b', 'c', 'd']);
  });

  it.each([
    { name: 'cut short', first: '{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"cu' },
    { name: 'cut inside a list', first: '{"kind":"Event","user":{"groups":[' },
    {
      name: 'cut and longer than the head',
      first: JSON.stringify(event('a', 6 * MB)).slice(0, -9),
    },
    { name: 'cut to its opening', first: '{"' },
  ])('a broken first line ($name) is skipped and located, the rest read', async ({ first }) => {
    const result = await ids(jsonl(first, ...tail));
    expect(result.format).toBe('k8s-audit');
    expect(result.stats).toMatchObject({ records: 3, skipped: 1 });
    expect(result.stats.warnings[0]).toEqual({ line: 1, message: expect.stringMatching(/JSON/) });
    expect(result.ids).toEqual(['b', 'c', 'd']);
  });

  it('a broken first line and one more broken line still read as lines', async () => {
    const text = jsonl('{"kind":"Event","aud', event('b'), '{"auditID":"x",', ...tail.slice(1));
    const result = await ids(text);
    expect(result.stats).toMatchObject({ records: 3, skipped: 2 });
    expect(result.stats.warnings.map((w) => w.line)).toEqual([1, 3]);
  });
});

describe('k8s-audit: documents stay documents', () => {
  const three = [event('a'), event('b'), event('c')];
  const oneALine = (items: unknown[]) =>
    `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[\n` +
    items.map((i) => JSON.stringify(i)).join(',\n') +
    '\n]}\n';
  it.each([
    { name: 'a pretty-printed EventList', text: JSON.stringify(list(three), null, 2), n: 3 },
    { name: 'a one-line EventList', text: `${JSON.stringify(list(three))}\n`, n: 3 },
    {
      name: 'a one-line EventList longer than the head',
      text: `${JSON.stringify(list([event('a', 5 * MB), event('b'), event('c')]))}\n`,
      n: 3,
    },
    {
      name: 'a pretty-printed EventList longer than the head',
      text: JSON.stringify(list([event('a', 5 * MB), event('b'), event('c')]), null, 2),
      n: 3,
    },
    { name: 'an EventList, one event a line', text: oneALine(three), n: 3 },
    {
      name: 'an EventList, one event a line, longer than the head',
      text: oneALine(Array.from({ length: 400 }, (_, i) => event(`e${i}`, 300))),
      n: 400,
    },
    {
      name: 'an array, one event a line',
      text: `[\n${three.map((e) => JSON.stringify(e)).join(',\n')}\n]`,
      n: 3,
    },
  ])('$name is read whole', async ({ text, n }) => {
    const result = await ids(text);
    expect(result.format).toBe('k8s-audit');
    expect(result.stats).toMatchObject({ records: n, skipped: 0 });
    expect(result.ids).toHaveLength(n);
    expect(new Set(result.ids).size).toBe(n);
  });
});
