import { describe, expect, it } from 'vitest';
import { auditReader } from '../../../src/readers/kubernetes/audit-reader.js';
import { objectRefOf } from '../../../src/readers/kubernetes/gke-audit.js';
import { jsonl, ofKind, readWith } from './helpers.js';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'dbg', namespace: 'dev' },
  spec: { hostPID: true, containers: [{ name: 'sh', image: 'tools:1' }] },
};

/** A GKE Cloud Logging entry, as `gcloud logging read --format=json` prints it. */
const gke = (
  payload: Record<string, unknown> = {},
  over: Record<string, unknown> = {},
): Record<string, unknown> => ({
  insertId: 'gke-1',
  logName: 'projects/p/logs/cloudaudit.googleapis.com%2Factivity',
  operation: { id: 'gke-1', producer: 'k8s.io', first: true, last: true },
  resource: { type: 'k8s_cluster', labels: { cluster_name: 'c1' } },
  timestamp: '2024-03-01T10:20:00.140907123Z',
  labels: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': 'RBAC' },
  protoPayload: {
    '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
    serviceName: 'k8s.io',
    methodName: 'io.k8s.core.v1.pods.create',
    resourceName: 'core/v1/namespaces/dev/pods/dbg',
    authenticationInfo: { principalEmail: 'dev@example.com' },
    requestMetadata: { callerIp: '203.0.113.15', callerSuppliedUserAgent: 'kubectl/v1.29.0' },
    status: {},
    request: pod,
    ...payload,
  },
  ...over,
});

/** An EKS audit event, as the API server writes it to CloudWatch. */
const eks = (id = 'eks-1') =>
  JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: id,
    stage: 'ResponseComplete',
    verb: 'get',
    requestURI: '/api/v1/namespaces/dev/secrets/db',
    user: { username: 'kubernetes-admin', groups: ['system:masters'] },
    objectRef: { resource: 'secrets', namespace: 'dev', name: 'db', apiVersion: 'v1' },
    responseStatus: { code: 200 },
    requestReceivedTimestamp: '2024-03-01T10:20:00.100000Z',
    stageTimestamp: '2024-03-01T10:20:00.140000Z',
  });

describe('GKE Cloud Logging entries', () => {
  it.each([
    { name: 'a JSON array', text: JSON.stringify([gke(), gke({}, { insertId: 'gke-2' })]) },
    { name: 'JSON lines', text: jsonl(gke(), gke({}, { insertId: 'gke-2' })) },
  ])('reads $name, one request an entry', async ({ text }) => {
    const { observations, stats } = await readWith(auditReader, text);
    expect(stats).toMatchObject({ records: 2, skipped: 0 });
    expect(ofKind(observations, 'api').map((a) => a.auditID)).toEqual(['gke-1', 'gke-2']);
  });

  it('maps an entry to the fields of an audit event', async () => {
    const { observations } = await readWith(auditReader, jsonl(gke()));
    const [api] = ofKind(observations, 'api');
    expect(api).toMatchObject({
      time: '2024-03-01T10:20:00.140907123Z',
      auditID: 'gke-1',
      stage: 'ResponseComplete',
      level: 'RequestResponse',
      verb: 'create',
      apiGroup: '',
      resource: 'pods',
      namespace: 'dev',
      name: 'dbg',
      user: 'dev@example.com',
      sourceIPs: ['203.0.113.15'],
      userAgent: 'kubectl/v1.29.0',
      code: 201,
      requestObject: pod,
      annotations: {
        'authorization.k8s.io/decision': 'allow',
        'authorization.k8s.io/reason': 'RBAC',
      },
    });
    expect(ofKind(observations, 'config')).toEqual([
      expect.objectContaining({ pod: { namespace: 'dev', name: 'dbg' }, pidMode: 'host' }),
    ]);
  });

  it.each([
    { name: 'no status (success)', status: undefined, method: 'pods.get', code: 200 },
    { name: 'code 0', status: { code: 0 }, method: 'pods.create', code: 201 },
    { name: 'PERMISSION_DENIED', status: { code: 7 }, method: 'pods.create', code: 403 },
    { name: 'NOT_FOUND', status: { code: 5 }, method: 'pods.get', code: 404 },
    { name: 'UNAUTHENTICATED', status: { code: 16 }, method: 'pods.list', code: 401 },
    { name: 'an unknown code', status: { code: 99 }, method: 'pods.list', code: 500 },
    { name: 'a code that is a word', status: { code: 'x' }, method: 'pods.list', code: 200 },
  ])('status: $name → $code', async ({ status, method, code }) => {
    const entry = gke({ status, methodName: `io.k8s.core.v1.${method}` });
    const [api] = ofKind((await readWith(auditReader, jsonl(entry))).observations, 'api');
    expect(api?.code).toBe(code);
  });

  it('marks an entry without bodies as Metadata level', async () => {
    const entry = gke({ request: undefined, methodName: 'io.k8s.core.v1.secrets.get' });
    const [api] = ofKind((await readWith(auditReader, jsonl(entry))).observations, 'api');
    expect(api).toMatchObject({ level: 'Metadata', verb: 'get', notes: ['metadata-level'] });
  });

  it('reports an entry of another Google service as no audit event', async () => {
    const other = gke({ serviceName: 'compute.googleapis.com', methodName: 'v1.compute.x' });
    const { stats } = await readWith(auditReader, jsonl(gke(), other));
    expect(stats).toMatchObject({ records: 1, skipped: 1 });
    expect(stats.warnings[0]).toMatchObject({ line: 2 });
  });

  it.each([
    ['core/v1/namespaces/dev/pods/web', { namespace: 'dev', resource: 'pods', name: 'web' }],
    [
      'core/v1/namespaces/dev/pods/web/exec',
      { namespace: 'dev', resource: 'pods', name: 'web', subresource: 'exec' },
    ],
    ['core/v1/namespaces/dev/pods', { namespace: 'dev', resource: 'pods', name: undefined }],
    [
      'rbac.authorization.k8s.io/v1/clusterrolebindings/admin',
      { apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', name: 'admin' },
    ],
    ['core/v1/namespaces/dev', { apiGroup: '', resource: 'namespaces', name: 'dev' }],
    [
      'core/v1/namespaces/dev/finalize',
      { resource: 'namespaces', name: 'dev', subresource: 'finalize' },
    ],
    ['core', null],
    [null, null],
  ])('resourceName %s', (name, want) => {
    const ref = objectRefOf(name);
    if (want === null) expect(ref).toBeNull();
    else expect(ref).toMatchObject(want);
  });
});

describe('EKS CloudWatch exports', () => {
  it.each([
    {
      name: 'aws logs filter-log-events',
      text: JSON.stringify(
        {
          events: [
            { logStreamName: 'kube-apiserver-audit-1', timestamp: 1709288400140, message: eks() },
            {
              logStreamName: 'kube-apiserver-audit-1',
              timestamp: 1709288400141,
              message: eks('eks-2'),
            },
          ],
          searchedLogStreams: [],
        },
        null,
        2,
      ),
    },
    {
      name: 'a subscription delivery',
      text: JSON.stringify({
        messageType: 'DATA_MESSAGE',
        logGroup: '/aws/eks/c1/cluster',
        logEvents: [
          { id: '1', timestamp: 1709288400140, message: eks() },
          { id: '2', timestamp: 1709288400141, message: eks('eks-2') },
        ],
      }),
    },
    {
      name: 'Logs Insights lines',
      text: jsonl(
        { '@timestamp': '2024-03-01 10:20:00.140', '@message': eks() },
        { '@timestamp': '2024-03-01 10:20:00.141', '@message': eks('eks-2') },
      ),
    },
  ])('reads $name', async ({ text }) => {
    const { observations, stats } = await readWith(auditReader, text);
    expect(stats).toMatchObject({ records: 2, skipped: 0 });
    const api = ofKind(observations, 'api');
    expect(api.map((a) => [a.auditID, a.resource, a.user])).toEqual([
      ['eks-1', 'secrets', 'kubernetes-admin'],
      ['eks-2', 'secrets', 'kubernetes-admin'],
    ]);
    expect(api[0]?.time).toBe('2024-03-01T10:20:00.140000Z');
  });

  it('uses the CloudWatch time when the event has none', async () => {
    const bare = JSON.parse(eks()) as Record<string, unknown>;
    delete bare['stageTimestamp'];
    delete bare['requestReceivedTimestamp'];
    const text = jsonl({
      '@timestamp': '2024-03-01 10:20:00.140',
      '@message': JSON.stringify(bare),
    });
    const [api] = ofKind((await readWith(auditReader, text)).observations, 'api');
    expect(api?.time).toBe('2024-03-01T10:20:00.140Z');
  });

  it.each([
    {
      name: 'a message that is not JSON',
      bad: { '@message': '{"auditID": ' },
      message: /not JSON/,
    },
    {
      name: 'a message of another log',
      bad: { '@message': '"hello"' },
      message: /not a Kubernetes/,
    },
  ])('skips $name, counted and located', async ({ bad, message }) => {
    const text = jsonl({ '@message': eks() }, bad, { '@message': eks('eks-3') });
    const { stats } = await readWith(auditReader, text);
    expect(stats).toMatchObject({ records: 2, skipped: 1 });
    expect(stats.warnings[0]).toEqual({ line: 2, message: expect.stringMatching(message) });
  });
});
