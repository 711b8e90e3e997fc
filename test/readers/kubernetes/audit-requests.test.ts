import { describe, expect, it } from 'vitest';
import { auditReader } from '../../../src/readers/kubernetes/audit-reader.js';
import { RequestGroups } from '../../../src/readers/kubernetes/audit-requests.js';
import { jsonl, ofKind, readWith } from './helpers.js';

/** One stage of request `id`, received at 10:00:00 and reaching its stage `at` seconds later. */
const stage = (
  id: string | undefined,
  name: string | undefined,
  at: number,
  over: Record<string, unknown> = {},
): Record<string, unknown> => ({
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'RequestResponse',
  auditID: id,
  stage: name,
  verb: 'create',
  requestURI: '/api/v1/namespaces/dev/pods',
  user: { username: 'alice', groups: ['dev'] },
  objectRef: { resource: 'pods', namespace: 'dev', name: 'web', apiVersion: 'v1' },
  requestReceivedTimestamp: '2024-03-01T10:00:00.000000Z',
  stageTimestamp: new Date(Date.parse('2024-03-01T10:00:00Z') + at * 1000).toISOString(),
  ...over,
});

const pod = {
  kind: 'Pod',
  apiVersion: 'v1',
  metadata: { name: 'web', namespace: 'dev' },
  spec: { containers: [{ name: 'app', image: 'web:1', securityContext: { privileged: true } }] },
};

describe('k8s-audit: one request, one api observation', () => {
  it.each([
    {
      name: 'received then complete',
      lines: [stage('a', 'RequestReceived', 0), stage('a', 'ResponseComplete', 2)],
      want: [['a', 'ResponseComplete', ['RequestReceived', 'ResponseComplete'], 2]],
    },
    {
      name: 'a watch: started, then complete half an hour later',
      lines: [stage('w', 'ResponseStarted', 0), stage('w', 'ResponseComplete', 1800)],
      want: [['w', 'ResponseComplete', ['ResponseStarted', 'ResponseComplete'], 1800]],
    },
    {
      name: 'an exec logged only as started',
      lines: [stage('x', 'RequestReceived', 0), stage('x', 'ResponseStarted', 1)],
      want: [['x', 'ResponseStarted', ['RequestReceived', 'ResponseStarted'], 1]],
    },
    {
      name: 'a panic ends the request',
      lines: [stage('p', 'RequestReceived', 0), stage('p', 'Panic', 3)],
      want: [['p', 'Panic', ['RequestReceived', 'Panic'], 3]],
    },
    {
      name: 'a lone RequestReceived still counts',
      lines: [stage('r', 'RequestReceived', 0)],
      want: [['r', 'RequestReceived', ['RequestReceived'], 0]],
    },
    {
      name: 'events with no auditID are requests of their own',
      lines: [stage(undefined, 'RequestReceived', 0), stage(undefined, 'ResponseComplete', 1)],
      want: [
        [null, 'RequestReceived', ['RequestReceived'], 0],
        [null, 'ResponseComplete', ['ResponseComplete'], 1],
      ],
    },
    {
      name: 'interleaved requests',
      lines: [
        stage('a', 'RequestReceived', 0),
        stage('b', 'RequestReceived', 0),
        stage('b', 'ResponseComplete', 1),
        stage('a', 'ResponseComplete', 2),
      ],
      want: [
        ['b', 'ResponseComplete', ['RequestReceived', 'ResponseComplete'], 1],
        ['a', 'ResponseComplete', ['RequestReceived', 'ResponseComplete'], 2],
      ],
    },
  ])('$name', async ({ lines, want }) => {
    const { observations, stats } = await readWith(auditReader, jsonl(...lines));
    expect(stats).toMatchObject({ records: lines.length, skipped: 0 });
    const api = ofKind(observations, 'api');
    expect(api.map((a) => [a.auditID, a.stage, a.stages, a.duration])).toEqual(want);
  });

  it('takes the time and line of the final stage', async () => {
    const text = jsonl(stage('a', 'RequestReceived', 0), stage('a', 'ResponseComplete', 2));
    const [api] = ofKind((await readWith(auditReader, text)).observations, 'api');
    expect(api).toMatchObject({ time: '2024-03-01T10:00:02.000Z', source: { line: 2 } });
  });

  it('takes the body from whichever stage carried it, and derives containers once', async () => {
    const text = jsonl(
      stage('a', 'RequestReceived', 0, { requestObject: pod }),
      stage('a', 'ResponseComplete', 1, { responseStatus: { code: 201 } }),
    );
    const { observations } = await readWith(auditReader, text);
    expect(ofKind(observations, 'api')).toEqual([
      expect.objectContaining({ code: 201, requestObject: pod, responseObject: null }),
    ]);
    expect(ofKind(observations, 'config')).toEqual([
      expect.objectContaining({ name: 'app', privileged: true, source: expect.anything() }),
    ]);
  });

  it('merges the annotations of every stage, string values only', async () => {
    const text = jsonl(
      stage('a', 'RequestReceived', 0, {
        annotations: { 'pod-security.kubernetes.io/enforce': 'x' },
      }),
      stage('a', 'ResponseComplete', 1, {
        annotations: { 'authorization.k8s.io/decision': 'allow', odd: 7 },
      }),
    );
    const [api] = ofKind((await readWith(auditReader, text)).observations, 'api');
    expect(api?.annotations).toEqual({
      'pod-security.kubernetes.io/enforce': 'x',
      'authorization.k8s.io/decision': 'allow',
    });
  });

  it('keeps the arrival time an earlier stage gave when the last one lacks it', async () => {
    const text = jsonl(
      stage('a', 'RequestReceived', 0),
      stage('a', 'ResponseComplete', 5, { requestReceivedTimestamp: undefined }),
    );
    const [api] = ofKind((await readWith(auditReader, text)).observations, 'api');
    expect(api?.duration).toBe(5);
  });
});

describe('k8s-audit: fields of a request', () => {
  it.each([
    { name: 'core group by URI', over: {}, group: '' },
    {
      name: 'apiGroup stated',
      over: { objectRef: { resource: 'roles', apiGroup: 'rbac.authorization.k8s.io' } },
      group: 'rbac.authorization.k8s.io',
    },
    {
      name: 'v1beta1 group in apiVersion',
      over: { objectRef: { resource: 'deployments', apiVersion: 'apps/v1beta1' } },
      group: 'apps',
    },
    {
      name: 'group from an /apis URI',
      over: { requestURI: '/apis/batch/v1/namespaces/dev/jobs', objectRef: { resource: 'jobs' } },
      group: 'batch',
    },
    { name: 'no objectRef (a non-resource URL)', over: { objectRef: undefined }, group: null },
  ])('apiGroup: $name', async ({ over, group }) => {
    const text = jsonl(stage('a', 'ResponseComplete', 1, over));
    const [api] = ofKind((await readWith(auditReader, text)).observations, 'api');
    expect(api?.apiGroup).toBe(group);
  });

  it.each([
    { name: 'Metadata without body', over: { level: 'Metadata' }, notes: ['metadata-level'] },
    { name: 'None without body', over: { level: 'None' }, notes: ['metadata-level'] },
    { name: 'Request without body', over: { level: 'Request' }, notes: undefined },
    {
      name: 'Metadata that still holds a body',
      over: { level: 'Metadata', requestObject: pod },
      notes: undefined,
    },
  ])('notes: $name', async ({ over, notes }) => {
    const text = jsonl(stage('a', 'ResponseComplete', 1, over));
    const [api] = ofKind((await readWith(auditReader, text)).observations, 'api');
    expect(api?.notes).toEqual(notes);
  });

  it.each([
    { name: 'groups not a list', user: { username: 'u', groups: 'x' }, groups: [] },
    { name: 'groups with a number', user: { username: 'u', groups: ['a', 1] }, groups: ['a'] },
  ])('userGroups survive $name', async ({ user, groups }) => {
    const text = jsonl(stage('a', 'ResponseComplete', 1, { user }));
    const [api] = ofKind((await readWith(auditReader, text)).observations, 'api');
    expect(api?.userGroups).toEqual(groups);
  });
});

describe('k8s-audit: the waiting requests stay bounded', () => {
  const found = (line: number) => ({ value: null, line, fallbackTime: null });

  it('gives out the oldest waiting request when past the cap', () => {
    const groups = new RequestGroups(2);
    expect(groups.add(stage('a', 'RequestReceived', 0), found(1))).toEqual([]);
    expect(groups.add(stage('b', 'RequestReceived', 0), found(2))).toEqual([]);
    const out = groups.add(stage('c', 'RequestReceived', 0), found(3));
    expect(out.map((r) => [r.event['auditID'], r.line])).toEqual([['a', 1]]);
    expect(groups.drain().map((r) => r.event['auditID'])).toEqual(['b', 'c']);
    expect(groups.drain()).toEqual([]);
  });
});

describe('requests waiting for their final stage', () => {
  const found = (line: number) => ({ value: null, line, fallbackTime: null });
  const stage = (auditID: string, name: string) => ({ auditID, stage: name, verb: 'watch' });

  it('push out the oldest still waiting when too many wait, not one already done', () => {
    const groups = new RequestGroups(3);
    const out: string[] = [];
    const add = (id: string, name: string, line: number) =>
      out.push(...groups.add(stage(id, name), found(line)).map((r) => `${r.event['auditID']}`));
    add('a', 'ResponseStarted', 1);
    add('b', 'ResponseStarted', 2);
    add('a', 'ResponseComplete', 3); // a is done: it must not be pushed out again
    add('c', 'ResponseStarted', 4);
    add('d', 'ResponseStarted', 5);
    add('e', 'ResponseStarted', 6); // four wait: the oldest, b, goes
    expect(out).toEqual(['a', 'b']);
    expect(groups.drain().map((r) => r.event['auditID'])).toEqual(['c', 'd', 'e']);
  });

  it('keep up with a long log of short requests around one open watch', () => {
    const groups = new RequestGroups(10);
    groups.add(stage('watch', 'ResponseStarted'), found(1));
    let given = 0;
    for (let i = 0; i < 50_000; i++) {
      given += groups.add(stage(`r${i}`, 'RequestReceived'), found(i + 2)).length;
      given += groups.add(stage(`r${i}`, 'ResponseComplete'), found(i + 2)).length;
    }
    expect(given).toBe(50_000);
    expect(groups.drain().map((r) => r.stages)).toEqual([['ResponseStarted']]);
  });

  it('do not call the final stage of a pushed-out request a duplicate', () => {
    const groups = new RequestGroups(1);
    const given = [
      ...groups.add(stage('w1', 'ResponseStarted'), found(1)),
      ...groups.add(stage('w2', 'ResponseStarted'), found(2)), // w1 is pushed out
      ...groups.add(stage('w1', 'ResponseComplete'), found(3)),
      ...groups.add(stage('w1', 'ResponseComplete'), found(4)), // now it is logged twice
    ];
    expect(given.map((r) => [r.event['auditID'], r.stages, r.duplicate ?? false])).toEqual([
      ['w1', ['ResponseStarted'], false],
      ['w1', ['ResponseComplete'], false],
      ['w1', ['ResponseComplete'], true],
    ]);
  });

  it('hold no more than the cap and a little slack, however many are pushed out', () => {
    const groups = new RequestGroups(10);
    let most = 0;
    for (let i = 0; i < 30_000; i++) {
      groups.add(stage(`w${i}`, 'ResponseStarted'), found(i + 1));
      most = Math.max(most, groups.queued);
    }
    expect(most).toBeLessThanOrEqual(10 + 1024 + 1);
  });

  it('keep requests apart that share an auditID but repeat a stage', () => {
    const groups = new RequestGroups(10);
    const exec = (command: string, line: number) =>
      groups.add(
        { ...stage('same', 'ResponseStarted'), requestURI: `/x/exec?command=${command}` },
        found(line),
      );
    const given = [...exec('ls', 1), ...exec('cat', 2), ...exec('sh', 3), ...groups.drain()];
    expect(given.map((r) => [r.event['requestURI'], r.duplicate ?? false])).toEqual([
      ['/x/exec?command=ls', false],
      ['/x/exec?command=cat', true],
      ['/x/exec?command=sh', true],
    ]);
  });
});
