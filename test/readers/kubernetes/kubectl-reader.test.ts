import { describe, expect, it } from 'vitest';
import { kubectlReader } from '../../../src/readers/kubernetes/kubectl-reader.js';
import { jsonl, ofKind, readWith } from './helpers.js';

const pod = (name: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  metadata: { name, namespace: 'dev', creationTimestamp: '2024-03-01T10:00:00Z' },
  spec: { containers: [{ name: 'app', image: 'web:2' }] },
  ...over,
});
const typed = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', ...pod(name) });
const workload = (kind: string, spec: Record<string, unknown>) => ({
  apiVersion: kind === 'CronJob' || kind === 'Job' ? 'batch/v1' : 'apps/v1',
  kind,
  metadata: { name: 'w', namespace: 'ops' },
  spec,
});
const template = { spec: { containers: [{ name: 'app', image: 'web:2' }] } };

describe('kubectl JSON: pods and workloads', () => {
  it.each([
    { name: 'a single Pod', value: typed('a'), pods: ['a'] },
    {
      name: 'a PodList whose items have no kind',
      value: { apiVersion: 'v1', kind: 'PodList', items: [pod('a'), pod('b')] },
      pods: ['a', 'b'],
    },
    {
      name: 'a List',
      value: { apiVersion: 'v1', kind: 'List', items: [typed('a'), typed('b')] },
      pods: ['a', 'b'],
    },
    {
      name: 'a List without kind, as jq may leave it',
      value: { apiVersion: 'v1', items: [typed('a')] },
      pods: ['a'],
    },
    { name: 'a plain array', value: [typed('a')], pods: ['a'] },
    { name: 'a Deployment', value: workload('Deployment', { template }), pods: ['w'] },
    { name: 'a DaemonSet', value: workload('DaemonSet', { template }), pods: ['w'] },
    {
      name: 'a CronJob',
      value: workload('CronJob', { jobTemplate: { spec: { template } } }),
      pods: ['w'],
    },
  ])('$name', async ({ value, pods }) => {
    const { observations, stats } = await readWith(kubectlReader, JSON.stringify(value, null, 2));
    const configs = ofKind(observations, 'config');
    expect(configs.map((c) => c.pod?.name)).toEqual(pods);
    expect(stats).toMatchObject({ records: pods.length, skipped: 0 });
  });

  it('points each item of a list at its own line', async () => {
    const text = JSON.stringify(
      { apiVersion: 'v1', kind: 'PodList', items: [pod('a'), pod('b')] },
      null,
      2,
    );
    const { observations } = await readWith(kubectlReader, text);
    const lines = observations.map((o) => o.source.line);
    expect(lines[0]).toBe(text.split('\n').findIndex((l) => l === '    {') + 1);
    expect(lines[1]).toBeGreaterThan(lines[0]!);
  });

  it('dates a pod by its creation and names workload templates', async () => {
    const text = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [typed('a'), workload('Job', { template })],
    });
    const { observations } = await readWith(kubectlReader, text);
    expect(observations.map((o) => [o.time, o.notes])).toEqual([
      ['2024-03-01T10:00:00Z', undefined],
      [null, ['pod-template']],
    ]);
  });

  it('reads JSON lines of objects', async () => {
    const { observations, stats } = await readWith(
      kubectlReader,
      jsonl(typed('a'), '{oops', typed('b')),
    );
    expect(ofKind(observations, 'config').map((c) => c.source.line)).toEqual([1, 3]);
    expect(stats).toMatchObject({ records: 2, skipped: 1 });
    expect(stats.warnings[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/not JSON/),
    });
  });
});

describe('kubectl JSON: what is not read', () => {
  it('skips an item that is not an object', async () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [typed('a'), 7] });
    const { stats } = await readWith(kubectlReader, text);
    expect(stats).toMatchObject({ records: 1, skipped: 1 });
    expect(stats.warnings[0]).toEqual({ line: 1, message: 'not a Kubernetes object' });
  });

  it.each([
    { name: 'an item of a List with no kind', item: { metadata: {} }, message: /no kind/ },
    {
      name: 'a Pod with no containers',
      item: { kind: 'Pod', spec: { containers: [] } },
      message: /no containers/,
    },
    { name: 'a Pod with no spec', item: { kind: 'Pod' }, message: /no containers/ },
    {
      name: 'an Event about nothing',
      item: { kind: 'Event', reason: 'X' },
      message: /no involvedObject/,
    },
    {
      name: 'a list in a list in a list',
      item: { kind: 'List', items: [{ kind: 'List', items: [] }] },
      message: /nested/,
    },
  ])('$name is skipped, counted and located', async ({ item, message }) => {
    const text = JSON.stringify(
      { apiVersion: 'v1', kind: 'List', items: [typed('a'), item] },
      null,
      2,
    );
    const { stats } = await readWith(kubectlReader, text);
    expect(stats).toMatchObject({ records: 1, skipped: 1 });
    expect(stats.warnings[0]?.message).toMatch(message);
    expect(stats.warnings[0]?.line).toBeGreaterThan(1);
  });

  it('says once which kinds it did not analyze', async () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } };
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [svc, typed('a'), svc] });
    const { stats } = await readWith(kubectlReader, text);
    expect(stats).toMatchObject({ records: 3, skipped: 0 });
    expect(stats.warnings).toEqual([
      { message: 'Kubernetes objects read but not analyzed yet: 2 services' },
    ]);
  });

  it.each([
    {
      name: 'a List of nodes',
      value: { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Node' }] },
      records: 1,
      note: 'Kubernetes objects read but not analyzed yet: 1 node',
    },
    {
      name: 'a List of several other kinds',
      value: {
        apiVersion: 'v1',
        kind: 'List',
        items: [{ kind: 'Service' }, { kind: 'NetworkPolicy' }],
      },
      records: 2,
      note: 'Kubernetes objects read but not analyzed yet: 1 networkpolicy, 1 service',
    },
  ])('counts $name as records it does not analyze', async ({ value, records, note }) => {
    const result = await readWith(kubectlReader, JSON.stringify(value));
    expect(result).toMatchObject({ notThisFormat: null, observations: [] });
    expect(result.stats).toMatchObject({ records, skipped: 0, warnings: [{ message: note }] });
  });

  it('reads an empty list as nothing, without giving it up', async () => {
    const result = await readWith(kubectlReader, '{"apiVersion":"v1","kind":"PodList","items":[]}');
    expect(result).toMatchObject({ notThisFormat: null, observations: [], stats: { records: 0 } });
  });
});

describe('kubectl JSON: a watch stream of documents one after another', () => {
  const watch = [typed('a'), typed('b')].map((p) => JSON.stringify(p, null, 2)).join('\n');

  it('reads each document at the line it starts on', async () => {
    const { observations, stats } = await readWith(kubectlReader, `${watch}\n`);
    const second = watch.split('\n').findIndex((l, i) => i > 0 && l === '{') + 1;
    expect(ofKind(observations, 'config').map((o) => [o.pod?.name, o.source.line])).toEqual([
      ['a', 1],
      ['b', second],
    ]);
    expect(stats).toMatchObject({ records: 2, skipped: 0 });
  });

  it.each([
    {
      name: 'a truncated last document',
      tail: '{\n  "kind": "Pod",\n  "spec": {',
      message: /not JSON/,
    },
    { name: 'stray text between documents', tail: 'oops }\n', message: /not JSON/ },
    { name: 'a bare string', tail: '"hello"\n', message: /not a Kubernetes object/ },
  ])('skips $name and keeps the rest', async ({ tail, message }) => {
    const { stats } = await readWith(kubectlReader, `${watch}\n${tail}`);
    expect(stats).toMatchObject({ records: 2, skipped: 1 });
    expect(stats.warnings[0]).toMatchObject({ line: watch.split('\n').length + 1 });
    expect(stats.warnings[0]?.message).toMatch(message);
  });

  it('points list items at their lines in a later document', async () => {
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [typed('c')] }, null, 2);
    const text = `${watch}\n${list}\n`;
    const { observations } = await readWith(kubectlReader, text);
    const itemLine = text.split('\n').findIndex((l) => l === '    {') + 1;
    expect(observations.map((o) => o.source.line)[2]).toBe(itemLine);
  });
});
