import { describe, expect, it } from 'vitest';
import { auditReader } from '../../../src/readers/kubernetes/audit-reader.js';
import { kubectlReader } from '../../../src/readers/kubernetes/kubectl-reader.js';
import { quantity } from '../../../src/readers/kubernetes/quantity.js';
import { jsonl, ofKind, readWith } from './helpers.js';

const DIGEST = `sha256:${'9b0e'.repeat(16)}`;

const podWith = (
  container: Record<string, unknown> = {},
  over: Record<string, unknown> = {},
): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-5cdcc99dbf-rgw6z',
    namespace: 'dev',
    labels: { app: 'web', tier: 3 },
    annotations: { 'kubernetes.io/config.mirror': '3f2a' },
    ownerReferences: [
      { kind: 'Node', name: 'n1' },
      { kind: 'ReplicaSet', name: 'web-5cdcc99dbf', controller: true },
    ],
  },
  spec: {
    nodeName: 'node-a',
    serviceAccountName: 'web-sa',
    containers: [{ name: 'app', image: 'nginx:1.25', ...container }],
  },
  ...over,
});

async function configOf(pod: Record<string, unknown>) {
  const { observations, stats } = await readWith(kubectlReader, JSON.stringify(pod));
  expect(stats.skipped).toBe(0);
  return ofKind(observations, 'config')[0]!;
}

describe('pod fields beyond security', () => {
  it('reads labels, annotations, owner, node and service account', async () => {
    const config = await configOf(podWith());
    // A label whose value is no string (tier: 3) is left out.
    expect(config.labels).toEqual({ app: 'web' });
    expect(config).toMatchObject({
      labels: { app: 'web' },
      annotations: { 'kubernetes.io/config.mirror': '3f2a' },
      owner: { kind: 'ReplicaSet', name: 'web-5cdcc99dbf' },
      node: 'node-a',
      serviceAccount: 'web-sa',
      devices: [],
      ports: [],
      limits: null,
    });
  });

  it.each([
    { name: 'no owners', refs: undefined, want: null },
    {
      name: 'no controller: the first',
      refs: [{ kind: 'Job', name: 'j' }],
      want: { kind: 'Job', name: 'j' },
    },
    { name: 'an owner with no name', refs: [{ kind: 'Job' }], want: null },
    { name: 'owners not a list', refs: 'Job/j', want: null },
  ])('owner: $name', async ({ refs, want }) => {
    const pod = podWith();
    (pod['metadata'] as Record<string, unknown>)['ownerReferences'] = refs;
    expect((await configOf(pod)).owner).toEqual(want);
  });

  it('takes the deprecated serviceAccount when serviceAccountName is absent', async () => {
    const pod = podWith({}, { spec: { serviceAccount: 'old', containers: [{ name: 'a' }] } });
    expect((await configOf(pod)).serviceAccount).toBe('old');
  });

  it.each([
    {
      name: 'a host port on every address',
      ports: [{ containerPort: 2375, hostPort: 2375, hostIP: '0.0.0.0' }],
      want: [{ hostIp: '0.0.0.0', hostPort: 2375, containerPort: 2375, proto: 'tcp' }],
    },
    {
      name: 'a container port only, UDP',
      ports: [{ containerPort: 53, protocol: 'UDP', name: 'dns' }],
      want: [{ hostIp: null, hostPort: null, containerPort: 53, proto: 'udp' }],
    },
    {
      name: 'hostile values',
      ports: [{ containerPort: 70000, hostPort: 'x' }, 'oops', null],
      want: [{ hostIp: null, hostPort: null, containerPort: null, proto: 'tcp' }],
    },
  ])('ports: $name', async ({ ports, want }) => {
    expect((await configOf(podWith({ ports }))).ports).toEqual(want);
  });

  it.each([
    {
      name: 'milli-cores and Mi',
      limits: { cpu: '500m', memory: '256Mi' },
      want: { cpu: 0.5, memory: 268435456 },
    },
    {
      name: 'whole cores and Gi',
      limits: { cpu: '2', memory: '1Gi' },
      want: { cpu: 2, memory: 1073741824 },
    },
    { name: 'an exponent', limits: { memory: '1e3' }, want: { cpu: null, memory: 1000 } },
    { name: 'YAML numbers', limits: { cpu: 1, memory: 128 }, want: { cpu: 1, memory: 128 } },
    { name: 'garbage', limits: { cpu: 'lots', memory: {} }, want: null },
  ])('limits: $name', async ({ limits, want }) => {
    const pod = podWith({ resources: { limits, requests: { cpu: '9' } } });
    expect((await configOf(pod)).limits).toEqual(want);
  });

  it.each([
    {
      name: 'from the image reference',
      image: `nginx@${DIGEST}`,
      imageID: undefined,
      want: DIGEST,
    },
    {
      name: 'from a docker-pullable imageID',
      image: 'nginx:1.25',
      imageID: `docker-pullable://nginx@${DIGEST}`,
      want: DIGEST,
    },
    {
      name: 'from a containerd imageID',
      image: 'nginx:1.25',
      imageID: `docker.io/library/nginx@${DIGEST}`,
      want: DIGEST,
    },
    { name: 'not from a bare config digest', image: 'nginx:1.25', imageID: DIGEST, want: null },
    { name: 'not from a short digest', image: 'nginx@sha256:abc', imageID: undefined, want: null },
  ])('imageDigest: $name', async ({ image, imageID, want }) => {
    const status = { containerStatuses: [{ name: 'app', imageID }] };
    const pod = podWith({ image }, { status });
    expect((await configOf(pod)).imageDigest).toBe(want);
  });

  it('fills the same fields for a pod written in an audited request', async () => {
    const event = {
      apiVersion: 'audit.k8s.io/v1',
      kind: 'Event',
      level: 'Request',
      auditID: 'a1',
      stage: 'ResponseComplete',
      verb: 'create',
      requestURI: '/api/v1/namespaces/dev/pods',
      objectRef: { resource: 'pods', namespace: 'dev', apiVersion: 'v1' },
      requestObject: podWith({
        ports: [{ containerPort: 80 }],
        resources: { limits: { cpu: '250m' } },
      }),
      responseStatus: { code: 201 },
    };
    const { observations } = await readWith(auditReader, jsonl(event));
    expect(ofKind(observations, 'config')[0]).toMatchObject({
      labels: { app: 'web' },
      owner: { kind: 'ReplicaSet', name: 'web-5cdcc99dbf' },
      node: 'node-a',
      serviceAccount: 'web-sa',
      ports: [{ containerPort: 80, proto: 'tcp' }],
      limits: { cpu: 0.25, memory: null },
    });
  });
});

describe('Kubernetes quantities', () => {
  it.each([
    ['500m', 0.5],
    ['300m', 0.3],
    ['256Mi', 268435456],
    ['1Gi', 1073741824],
    ['1.5Gi', 1610612736],
    ['1e3', 1000],
    ['1E3', 1000],
    ['129M', 129e6],
    ['2k', 2000],
    ['100n', 1e-7],
    ['.5', 0.5],
    ['+1Ki', 1024],
    [' 2 ', 2],
    [3, 3],
  ])('%s → %d', (text, value) => {
    expect(quantity(text)).toBeCloseTo(value, 12);
  });

  it.each([
    ['-1'],
    ['lots'],
    ['1Qi'],
    ['1 Gi'],
    [''],
    ['1e'],
    ['9'.repeat(80)],
    [-2],
    [NaN],
    [null],
    [{}],
  ])('%s is no quantity', (text) => {
    expect(quantity(text)).toBeNull();
  });
});
