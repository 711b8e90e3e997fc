import { describe, expect, it } from 'vitest';
import { actionOf } from '../../../src/readers/kubernetes/kube-events.js';
import { kubectlReader } from '../../../src/readers/kubernetes/kubectl-reader.js';
import { ofKind, readWith } from './helpers.js';

const involved = {
  apiVersion: 'v1',
  kind: 'Pod',
  name: 'web-7d9c',
  namespace: 'dev',
  fieldPath: 'spec.containers{web}',
};

const coreEvent = (over: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'e', namespace: 'dev', creationTimestamp: '2024-03-01T09:00:00Z' },
  involvedObject: involved,
  reason: 'Started',
  message: 'Started container web',
  firstTimestamp: null,
  lastTimestamp: null,
  eventTime: null,
  ...over,
});

async function lifecycle(event: Record<string, unknown>) {
  const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [event] }, null, 2);
  const { observations, stats } = await readWith(kubectlReader, text);
  expect(stats.skipped).toBe(0);
  return ofKind(observations, 'lifecycle')[0]!;
}

describe('kubectl events: times and counts', () => {
  it.each([
    {
      name: 'only eventTime (scheduler events)',
      over: { reason: 'Scheduled', eventTime: '2024-03-01T10:30:00.123456Z' },
      want: {
        time: '2024-03-01T10:30:00.123456Z',
        firstTime: '2024-03-01T10:30:00.123456Z',
        count: 1,
      },
    },
    {
      name: 'only legacy timestamps',
      over: {
        count: 3,
        firstTimestamp: '2024-03-01T10:31:00Z',
        lastTimestamp: '2024-03-01T10:33:00Z',
      },
      want: { time: '2024-03-01T10:33:00Z', firstTime: '2024-03-01T10:31:00Z', count: 3 },
    },
    {
      name: 'a series with null legacy timestamps',
      over: {
        reason: 'BackOff',
        eventTime: '2024-03-01T10:35:00.000001Z',
        series: { count: 12, lastObservedTime: '2024-03-01T10:41:30.500000Z' },
      },
      want: {
        time: '2024-03-01T10:41:30.500000Z',
        firstTime: '2024-03-01T10:35:00.000001Z',
        count: 12,
      },
    },
    {
      name: 'no timestamps but creation',
      over: {},
      want: { time: '2024-03-01T09:00:00Z', firstTime: '2024-03-01T09:00:00Z', count: 1 },
    },
    {
      name: 'a nonsense count',
      over: { count: -4, lastTimestamp: '2024-03-01T10:33:00Z' },
      want: { time: '2024-03-01T10:33:00Z', count: 1 },
    },
  ])('$name', async ({ over, want }) => {
    expect(await lifecycle(coreEvent(over))).toMatchObject(want);
  });

  it('maps the fields of a core event', async () => {
    const obs = await lifecycle(
      coreEvent({ reason: 'Killing', lastTimestamp: '2024-03-01T10:00:00Z' }),
    );
    expect(obs).toMatchObject({
      runtime: 'kubernetes',
      container: null,
      name: 'web',
      pod: { namespace: 'dev', name: 'web-7d9c' },
      action: 'kill',
      detail: 'Started container web',
      exitCode: null,
    });
    expect(obs.notes).toEqual(['reason:Killing']);
  });

  it.each([
    {
      name: 'a warning',
      over: { type: 'Warning', reason: 'BackOff' },
      notes: ['type:Warning', 'reason:BackOff'],
    },
    { name: 'a normal event', over: { type: 'Normal' }, notes: ['type:Normal', 'reason:Started'] },
    { name: 'no type, no reason', over: { reason: null }, notes: undefined },
    { name: 'a type that is no string', over: { type: 7, reason: 7 }, notes: undefined },
  ])('keeps the type and reason as written: $name', async ({ over, notes }) => {
    const obs = await lifecycle(coreEvent(over));
    expect(obs.notes).toEqual(notes);
    expect(obs.detail).toBe('Started container web');
  });

  it('reads an events.k8s.io/v1 event', async () => {
    const event = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      regarding: involved,
      reason: 'Pulled',
      note: 'Successfully pulled image',
      deprecatedFirstTimestamp: '2024-03-01T10:00:00Z',
      deprecatedLastTimestamp: '2024-03-01T10:05:00Z',
      deprecatedCount: 4,
    };
    expect(await lifecycle(event)).toMatchObject({
      action: 'pull',
      detail: 'Successfully pulled image',
      time: '2024-03-01T10:05:00Z',
      firstTime: '2024-03-01T10:00:00Z',
      count: 4,
    });
  });

  it.each([
    {
      name: 'a ReplicaSet (stands for its pods)',
      about: { kind: 'ReplicaSet', name: 'web-7d9c', namespace: 'dev' },
      want: {
        pod: { namespace: 'dev', name: 'web-7d9c' },
        notes: ['involved:ReplicaSet', 'reason:Started'],
      },
    },
    {
      name: 'a Node',
      about: { kind: 'Node', name: 'node-a' },
      want: { pod: null, notes: ['involved:Node/node-a', 'reason:Started'] },
    },
  ])('an event about $name', async ({ about, want }) => {
    expect(await lifecycle(coreEvent({ involvedObject: about }))).toMatchObject(want);
  });
});

describe('kubectl events: actions', () => {
  it.each([
    ['Killing', 'kill'],
    ['BackOff', 'backoff'],
    ['Started', 'start'],
    ['Created', 'create'],
    ['Pulled', 'pull'],
    ['Failed', 'fail'],
    ['Unhealthy', 'unhealthy'],
    ['FailedScheduling', 'failed-scheduling'],
    ['SandboxChanged', 'sandbox-changed'],
    ['OOMKilling', 'oom-kill'],
    ['NodeNotReady', 'node-not-ready'],
    ['constructor', 'constructor'],
    [null, 'unknown'],
  ])('%s → %s', (reason, action) => {
    expect(actionOf(reason)).toBe(action);
  });
});
