import { describe, expect, it } from 'vitest';
import { auditReader } from '../../../src/readers/kubernetes/audit-reader.js';
import { MAX_WAITING } from '../../../src/readers/kubernetes/audit-requests.js';
import { kubectlReader } from '../../../src/readers/kubernetes/kubectl-reader.js';
import { identify, jsonl, readWith } from './helpers.js';

/** Inputs an adversary could write to make a reader slow or crash; each must finish fast. */
const LONG = 1_000_000;
const BUDGET_MS = 2000;

async function timed<T>(work: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const result = await work();
  expect(performance.now() - start).toBeLessThan(BUDGET_MS);
  return result;
}

const pod = (over: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'c', image: 'i' }] },
  ...over,
});

describe('hostile inputs', () => {
  it.each([
    {
      name: 'a YAML apiVersion of repeated v1',
      text: `apiVersion: ${'v1'.repeat(30_000)}!\nkind: Pod\n`,
    },
    {
      name: 'a JSON apiVersion of repeated digits',
      text: `{"apiVersion": "v${'1'.repeat(60_000)}!"}`,
    },
    { name: 'a head of open braces', text: '{'.repeat(60_000) },
    { name: 'a head of quotes and backslashes', text: `{"a": "${'\\"'.repeat(30_000)}` },
  ])('sniffing $name', async ({ text }) => {
    await timed(() => identify(text));
  });

  it('an event whose reason and field path are a megabyte long', async () => {
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      reason: 'A'.repeat(LONG),
      involvedObject: { kind: 'Pod', name: 'p', fieldPath: 'spec.containers{'.repeat(LONG / 16) },
    };
    const { observations } = await timed(() => readWith(kubectlReader, JSON.stringify(event)));
    expect(observations).toHaveLength(1);
  });

  it('a hostPath of a million slashes mounted with a subPath', async () => {
    const spec = {
      volumes: [{ name: 'v', hostPath: { path: `${'/'.repeat(LONG)}x` } }],
      containers: [
        { name: 'c', image: 'i', volumeMounts: [{ name: 'v', mountPath: '/m', subPath: 's' }] },
      ],
    };
    const { observations } = await timed(() =>
      readWith(kubectlReader, JSON.stringify(pod({ spec }))),
    );
    expect(observations).toHaveLength(1);
  });

  it('a watch stream of ten thousand tiny documents', async () => {
    const text = Array.from({ length: 10_000 }, () => '{"kind":"Pod"}').join('\n');
    const { stats } = await timed(() => readWith(kubectlReader, text));
    expect(stats.skipped).toBe(10_000);
  });

  it('an audit log line with deeply nested arrays', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const event = { auditID: 'a', verb: 'get', stage: 'ResponseComplete' };
    const { stats } = await timed(() => readWith(auditReader, jsonl(event, deep, event)));
    expect(stats).toMatchObject({ records: 2, skipped: 1 });
  });

  it('more requests waiting for their final stage than the reader holds', async () => {
    const count = MAX_WAITING + 5_000;
    const lines = Array.from({ length: count }, (_, i) =>
      JSON.stringify({ auditID: `r${i}`, verb: 'get', stage: 'RequestReceived' }),
    );
    const { observations, stats } = await timed(() => readWith(auditReader, jsonl(...lines)));
    expect(stats).toMatchObject({ records: count, skipped: 0 });
    expect(observations).toHaveLength(count);
    // The oldest are given out first, as the cap is passed.
    expect((observations[0] as { auditID: string }).auditID).toBe('r0');
  });

  it.each([
    { name: 'resourceName of a million slashes', payload: { resourceName: '/'.repeat(LONG) } },
    { name: 'fields of the wrong types', payload: { resourceName: 7, status: 'x', request: 'y' } },
    { name: 'a requestMetadata that is a list', payload: { requestMetadata: ['1.2.3.4'] } },
  ])('a GKE entry with $name', async ({ payload }) => {
    const entry = {
      insertId: 'g',
      labels: ['x'],
      protoPayload: { methodName: 'io.k8s.core.v1.pods.get', ...payload },
    };
    const { observations, stats } = await timed(() => readWith(auditReader, jsonl(entry)));
    expect(stats).toMatchObject({ records: 1, skipped: 0 });
    expect(observations).toHaveLength(1);
  });

  it.each([
    {
      name: 'a List whose items are all null',
      value: { apiVersion: 'v1', kind: 'List', items: [null, null] },
    },
    { name: 'a Pod whose spec is an array', value: pod({ spec: [] }) },
    { name: 'metadata that is a string', value: pod({ metadata: 'x', status: 5 }) },
  ])('$name reads without throwing', async ({ value }) => {
    const result = await readWith(kubectlReader, JSON.stringify(value));
    expect(result.notThisFormat).toBeNull();
    expect(result.stats.skipped + result.stats.records).toBeGreaterThan(0);
  });
});
