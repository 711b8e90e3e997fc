import { describe, expect, it } from 'vitest';
import { auditReader } from '../../../src/readers/kubernetes/audit-reader.js';
import { jsonl, ofKind, readWith } from './helpers.js';

const podSpec = {
  hostPID: true,
  containers: [{ name: 'sh', image: 'example/tools:1.0', securityContext: { privileged: true } }],
};

const write = (over: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'audit.k8s.io/v1',
  kind: 'Event',
  level: 'RequestResponse',
  auditID: 'p1',
  stage: 'ResponseComplete',
  verb: 'create',
  requestURI: '/api/v1/namespaces/dev/pods',
  user: { username: 'system:serviceaccount:dev:deployer' },
  objectRef: { resource: 'pods', namespace: 'dev', name: 'dbg-shell' },
  responseStatus: { code: 201 },
  stageTimestamp: '2024-03-01T10:20:00.140907Z',
  requestObject: { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'dbg-shell' }, spec: podSpec },
  ...over,
});

const template = { metadata: { annotations: {} }, spec: podSpec };

describe('k8s-audit: containers of audited writes', () => {
  it.each([
    { name: 'a pod create', over: {}, pod: 'dbg-shell', notes: ['audit-request'] },
    {
      name: 'a deployment create (its template, named after it)',
      over: {
        objectRef: { resource: 'deployments', namespace: 'dev', name: 'web' },
        requestObject: { kind: 'Deployment', spec: { template } },
      },
      pod: 'web',
      notes: ['audit-request', 'pod-template'],
    },
    {
      name: 'a cronjob create (template under jobTemplate)',
      over: {
        objectRef: { resource: 'cronjobs', namespace: 'dev', name: 'nightly' },
        requestObject: { kind: 'CronJob', spec: { jobTemplate: { spec: { template } } } },
      },
      pod: 'nightly',
      notes: ['audit-request', 'pod-template'],
    },
    {
      name: 'a patch, read from the object after it',
      over: {
        verb: 'patch',
        requestObject: { spec: { hostPID: true } },
        responseObject: { kind: 'Pod', metadata: { name: 'dbg-shell' }, spec: podSpec },
      },
      pod: 'dbg-shell',
      notes: ['audit-request'],
    },
    {
      name: 'a patch fragment when the response is not logged',
      over: { verb: 'patch', level: 'Request', requestObject: { spec: podSpec } },
      pod: 'dbg-shell',
      notes: ['audit-request', 'from-patch'],
    },
    {
      name: 'a create the API server refused',
      over: { responseStatus: { code: 403 } },
      pod: 'dbg-shell',
      notes: ['audit-request', 'request-rejected'],
    },
    {
      name: 'a pod with a generated name (named by the response)',
      over: {
        objectRef: { resource: 'pods', namespace: 'dev' },
        requestObject: { kind: 'Pod', metadata: { generateName: 'web-' }, spec: podSpec },
        responseObject: { kind: 'Pod', metadata: { name: 'web-x7k2p' }, spec: podSpec },
      },
      pod: 'web-x7k2p',
      notes: ['audit-request'],
    },
  ])('$name', async ({ over, pod, notes }) => {
    const { observations } = await readWith(auditReader, jsonl(write(over)));
    const configs = ofKind(observations, 'config');
    expect(configs).toHaveLength(1);
    expect(configs[0]).toMatchObject({
      time: '2024-03-01T10:20:00.140907Z',
      source: { path: 'input.json', line: 1 },
      runtime: 'kubernetes',
      pod: { namespace: 'dev', name: pod },
      name: 'sh',
      image: 'example/tools:1.0',
      privileged: true,
      pidMode: 'host',
    });
    expect(configs[0]?.notes).toEqual(notes);
  });

  it('reads an ephemeral container added the way kubectl debug does', async () => {
    const spec = { ...podSpec, ephemeralContainers: [{ name: 'debugger', image: 'busybox' }] };
    const over = {
      verb: 'patch',
      objectRef: {
        resource: 'pods',
        namespace: 'dev',
        name: 'web',
        subresource: 'ephemeralcontainers',
      },
      responseObject: { kind: 'Pod', metadata: { name: 'web' }, spec },
    };
    const { observations } = await readWith(auditReader, jsonl(write(over)));
    const debuggers = ofKind(observations, 'config').filter((c) => c.name === 'debugger');
    expect(debuggers).toEqual([
      expect.objectContaining({
        notes: ['audit-request', 'ephemeral-container'],
        pod: { namespace: 'dev', name: 'web' },
      }),
    ]);
  });

  it.each([
    { name: 'Metadata level (no body)', over: { level: 'Metadata', requestObject: undefined } },
    { name: 'a get', over: { verb: 'get' } },
    {
      name: 'a delete with DeleteOptions',
      over: { verb: 'delete', requestObject: { kind: 'DeleteOptions' } },
    },
    {
      name: 'the status subresource',
      over: { objectRef: { resource: 'pods', subresource: 'status' } },
    },
    { name: 'a configmap create', over: { objectRef: { resource: 'configmaps', name: 'c' } } },
    {
      name: 'a body that is a JSON patch list',
      over: { verb: 'patch', requestObject: [{ op: 'add' }] },
    },
    { name: 'a pod body with no spec', over: { requestObject: { kind: 'Pod', spec: 'x' } } },
    {
      name: 'a resource named like a prototype member',
      over: { objectRef: { resource: 'constructor' } },
    },
  ])('no containers from $name', async ({ over }) => {
    const { observations, stats } = await readWith(auditReader, jsonl(write(over)));
    expect(ofKind(observations, 'config')).toEqual([]);
    expect(ofKind(observations, 'api')).toHaveLength(1);
    expect(stats.skipped).toBe(0);
  });

  it('reads a log whose first line was cut', async () => {
    const whole = JSON.stringify(write({}));
    const text = `${whole.slice(40)}\n${whole}\n`;
    const { observations, stats } = await readWith(auditReader, text);
    expect(stats).toMatchObject({ records: 1, skipped: 1 });
    expect(stats.warnings[0]).toMatchObject({ line: 1 });
    expect(ofKind(observations, 'config')).toHaveLength(1);
  });
});
