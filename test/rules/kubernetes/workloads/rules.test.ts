import { describe, expect, it } from 'vitest';
import type { ApiObservation } from '../../../../src/model/observation.js';
import { podBody, request, run, workloadBody } from './pack.js';

const EXEC = '/api/v1/namespaces/default/pods/web-1/exec?';
const exec = (query: string, code = 101): Partial<ApiObservation> => ({
  subresource: 'exec',
  code,
  requestURI: EXEC + query,
});
const cm = (data: unknown, over: Partial<ApiObservation> = {}): Partial<ApiObservation> => ({
  resource: 'configmaps',
  name: 'settings',
  requestObject: { kind: 'ConfigMap', data },
  ...over,
});
const TOKEN = 'command=cat&command=%2Fvar%2Frun%2Fsecrets%2Fkubernetes.io%2Fserviceaccount%2Ftoken';
const PERSON = { user: 'mallory@example.com' };
const CONTROLLER = { user: 'system:serviceaccount:kube-system:cronjob-controller' };
const np = (egress: object): Partial<ApiObservation> => ({
  resource: 'networkpolicies',
  namespace: 'falco',
  requestObject: { spec: { podSelector: {}, policyTypes: ['Egress'], ...egress } },
});

/** Rule, case, request, expected severity of its one hit (null: no hit). */
const CASES: [string, string, Partial<ApiObservation>, string | null][] = [
  ['k8s-sa-token-exec', 'a token read', exec(TOKEN), 'high'],
  [
    'k8s-sa-token-exec',
    'the folder listed',
    exec('command=ls&command=%2Frun%2Fsecrets%2Fkubernetes.io%2Fserviceaccount'),
    'high',
  ],
  ['k8s-sa-token-exec', 'a refused read', exec(TOKEN, 403), null],
  ['k8s-sa-token-exec', 'another file', exec('command=cat&command=%2Fetc%2Fhosts'), null],
  [
    'k8s-kubectl-cp',
    'a copy out',
    exec('command=tar&command=cf&command=-&command=%2Fdata'),
    'medium',
  ],
  [
    'k8s-kubectl-cp',
    'an old copy in',
    exec('command=tar&command=xf&command=-&command=-C&command=%2Ftmp'),
    'medium',
  ],
  ['k8s-kubectl-cp', 'a tar listing', exec('command=tar&command=tf&command=%2Fa.tar'), null],
  ['k8s-kubectl-cp', 'no query', { subresource: 'exec', requestURI: null }, null],
  [
    'k8s-ephemeral-container',
    'kubectl debug',
    { verb: 'patch', subresource: 'ephemeralcontainers' },
    'medium',
  ],
  [
    'k8s-ephemeral-container',
    'a read of it',
    { verb: 'get', subresource: 'ephemeralcontainers' },
    null,
  ],
  ['k8s-port-forward', 'a tunnel', { subresource: 'portforward', code: 101 }, 'medium'],
  ['k8s-port-forward', 'a refused tunnel', { subresource: 'portforward', code: 403 }, null],
  [
    'k8s-pod-pinned-to-node',
    'nodeName by a person',
    { requestObject: podBody([], { nodeName: 'cp-1' }) },
    'medium',
  ],
  [
    'k8s-pod-pinned-to-node',
    'a mirror pod',
    { user: 'system:node:cp-1', requestObject: podBody([], { nodeName: 'cp-1' }) },
    null,
  ],
  ['k8s-pod-pinned-to-node', 'a scheduled pod', { requestObject: podBody([]) }, null],
  ['k8s-daemonset-by-person', 'a person', { resource: 'daemonsets', ...PERSON }, 'medium'],
  [
    'k8s-daemonset-by-person',
    'the controller',
    { resource: 'daemonsets', user: 'system:serviceaccount:kube-system:daemon-set-controller' },
    null,
  ],
  ['k8s-daemonset-by-person', 'a delete', { resource: 'daemonsets', verb: 'delete' }, null],
  ['k8s-job-changed', 'a Job by a person', { resource: 'jobs', ...PERSON }, 'low'],
  ['k8s-job-changed', 'a CronJob by a person', { resource: 'cronjobs', ...PERSON }, 'medium'],
  ['k8s-job-changed', 'a scheduled Job', { resource: 'jobs', ...CONTROLLER }, null],
  ['k8s-job-changed', 'a CronJob by a controller', { resource: 'cronjobs', ...CONTROLLER }, 'low'],
  [
    'k8s-admission-webhook-changed',
    'a webhook added',
    { resource: 'mutatingwebhookconfigurations' },
    'medium',
  ],
  [
    'k8s-admission-webhook-changed',
    'a policy deleted',
    { resource: 'validatingadmissionpolicies', verb: 'delete' },
    'high',
  ],
  [
    'k8s-admission-webhook-changed',
    'a list',
    { resource: 'validatingwebhookconfigurations', verb: 'list' },
    null,
  ],
  ['k8s-events-deleted', 'one event', { resource: 'events', verb: 'delete' }, 'medium'],
  ['k8s-events-deleted', 'all events', { resource: 'events', verb: 'deletecollection' }, 'high'],
  ['k8s-events-deleted', 'an event created', { resource: 'events', verb: 'create' }, null],
  ['k8s-monitoring-egress-deny', 'deny all egress', np({}), 'high'],
  ['k8s-monitoring-egress-deny', 'empty egress list', np({ egress: [] }), 'high'],
  ['k8s-monitoring-egress-deny', 'egress allowed somewhere', np({ egress: [{}] }), null],
  ['k8s-monitoring-egress-deny', 'another namespace', { ...np({}), namespace: 'shop' }, null],
  [
    'k8s-exposed-service',
    'a NodePort',
    { resource: 'services', requestObject: { spec: { type: 'NodePort' } } },
    'low',
  ],
  [
    'k8s-exposed-service',
    'a LoadBalancer',
    { resource: 'services', requestObject: { spec: { type: 'LoadBalancer' } } },
    'medium',
  ],
  [
    'k8s-exposed-service',
    'external IPs',
    { resource: 'services', requestObject: { spec: { externalIPs: ['1.2.3.4'] } } },
    'medium',
  ],
  [
    'k8s-exposed-service',
    'a ClusterIP',
    { resource: 'services', requestObject: { spec: { type: 'ClusterIP' } } },
    null,
  ],
  [
    'k8s-workload-spec-not-logged',
    'a Metadata create',
    { level: 'Metadata', requestObject: null },
    'info',
  ],
  [
    'k8s-workload-spec-not-logged',
    'a refused create',
    { level: 'Metadata', requestObject: null, code: 403 },
    null,
  ],
  ['k8s-workload-spec-not-logged', 'a logged create', { requestObject: podBody([]) }, null],
  [
    'k8s-workload-spec-not-logged',
    'a pod a controller stamped out of a template',
    {
      level: 'Metadata',
      requestObject: null,
      user: 'system:serviceaccount:kube-system:replicaset-controller',
    },
    null,
  ],
  [
    'k8s-system-namespace-pod',
    'a controller',
    {
      namespace: 'kube-system',
      user: 'system:serviceaccount:kube-system:replicaset-controller',
      requestObject: podBody([{ name: 'c', image: 'nginx' }]),
    },
    'medium',
  ],
  [
    'k8s-system-namespace-pod',
    'a person',
    { namespace: 'kube-public', requestObject: podBody([{ name: 'c', image: 'nginx' }]) },
    'high',
  ],
  [
    'k8s-system-namespace-pod',
    'a system image',
    {
      namespace: 'kube-system',
      requestObject: podBody([{ name: 'c', image: 'registry.k8s.io/pause:3.9' }]),
    },
    null,
  ],
  [
    'k8s-system-namespace-pod',
    'another namespace',
    { requestObject: podBody([{ name: 'c', image: 'nginx' }]) },
    null,
  ],
  [
    'k8s-security-agent-disabled',
    'a DaemonSet deleted',
    { resource: 'daemonsets', namespace: 'monitoring', name: 'falco', verb: 'delete' },
    'high',
  ],
  [
    'k8s-security-agent-disabled',
    'its namespace deleted',
    { resource: 'namespaces', namespace: null, name: 'falco', verb: 'delete' },
    'critical',
  ],
  [
    'k8s-security-agent-disabled',
    'scaled by update',
    {
      resource: 'deployments',
      name: 'otel-collector',
      verb: 'update',
      requestObject: { spec: { replicas: '0' } },
    },
    'high',
  ],
  [
    'k8s-security-agent-disabled',
    'an agent found by image',
    {
      resource: 'daemonsets',
      name: 'node-tools',
      verb: 'patch',
      requestObject: workloadBody('DaemonSet', [{ name: 'a', image: 'falcosecurity/falco:0.38' }], {
        nodeSelector: { none: 'none' },
      }),
    },
    'high',
  ],
  [
    'k8s-security-agent-disabled',
    'a whole update',
    {
      resource: 'daemonsets',
      name: 'falco',
      verb: 'update',
      requestObject: workloadBody('DaemonSet', [], {
        nodeSelector: { 'kubernetes.io/os': 'linux' },
      }),
    },
    null,
  ],
  [
    'k8s-security-agent-disabled',
    'another app deleted',
    { resource: 'deployments', name: 'web', verb: 'delete' },
    null,
  ],
  [
    'k8s-agent-config-tampered',
    'rules replaced',
    { resource: 'configmaps', namespace: 'falco', name: 'falco-rules', verb: 'update' },
    'high',
  ],
  [
    'k8s-agent-config-tampered',
    'an audit policy deleted',
    { resource: 'configmaps', namespace: 'kube-system', name: 'audit-policy', verb: 'delete' },
    'high',
  ],
  [
    'k8s-agent-config-tampered',
    'the agent itself',
    {
      resource: 'configmaps',
      namespace: 'falco',
      name: 'falco',
      verb: 'update',
      user: 'system:serviceaccount:falco:falco',
    },
    null,
  ],
  [
    'k8s-agent-config-tampered',
    'a create',
    { resource: 'configmaps', namespace: 'falco', name: 'falco-rules' },
    null,
  ],
  [
    'k8s-untrusted-node',
    'a node by a person',
    { resource: 'nodes', namespace: null, name: 'w9' },
    'high',
  ],
  [
    'k8s-untrusted-node',
    'a node by itself',
    { resource: 'nodes', namespace: null, name: 'w9', user: 'system:node:w9' },
    null,
  ],
  [
    'k8s-untrusted-node',
    'a node by another node',
    { resource: 'nodes', namespace: null, name: 'w9', user: 'system:node:w1' },
    'high',
  ],
  [
    'k8s-untrusted-node',
    'a kubelet CSR hand-approved',
    {
      resource: 'certificatesigningrequests',
      subresource: 'approval',
      verb: 'update',
      namespace: null,
      name: 'csr-x',
      requestObject: {
        spec: { signerName: 'kubernetes.io/kube-apiserver-client-kubelet' },
        status: { conditions: [{ type: 'Approved' }] },
      },
    },
    'high',
  ],
  [
    'k8s-untrusted-node',
    'a CSR denied',
    {
      resource: 'certificatesigningrequests',
      subresource: 'approval',
      verb: 'update',
      namespace: null,
      name: 'csr-x',
      requestObject: {
        spec: { signerName: 'kubernetes.io/kube-apiserver-client-kubelet' },
        status: { conditions: [{ type: 'Denied' }] },
      },
    },
    null,
  ],
  [
    'k8s-untrusted-node',
    'a CSR auto-approved',
    {
      resource: 'certificatesigningrequests',
      subresource: 'approval',
      verb: 'update',
      namespace: null,
      name: 'node-csr-a',
      user: 'system:serviceaccount:kube-system:certificate-controller',
      requestObject: null,
    },
    null,
  ],
  [
    'k8s-configmap-credentials',
    'a password line',
    cm({ 'app.properties': 'user=web\npassword = hunter22\n' }),
    'medium',
  ],
  ['k8s-configmap-credentials', 'a key named like a secret', cm({ API_KEY: 'abc123' }), 'medium'],
  [
    'k8s-configmap-credentials',
    'an AWS key id',
    cm({ notes: 'use AKIAIOSFODNN7EXAMPLE' }),
    'medium',
  ],
  [
    'k8s-configmap-credentials',
    'a placeholder',
    cm({ 'app.properties': 'password = ${DB_PASSWORD}\n' }),
    null,
  ],
  [
    'k8s-configmap-credentials',
    'plain settings',
    cm({ 'ui.properties': 'color.good=purple\n' }),
    null,
  ],
  ['k8s-configmap-credentials', 'hostile data', cm(['password=x']), null],
  ['k8s-configmap-credentials', 'non-text values', cm({ password: 12, token: null }), null],
];

describe('workload rules over single requests', () => {
  it.each(CASES)('%s: %s', (id, _, over, severity) => {
    const { hits } = run(id, [request(over)]);
    if (severity === null) {
      expect(hits).toEqual([]);
      return;
    }
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.severity ?? hits[0]!.card.severity).toBe(severity);
  });

  it.each([
    ['k8s-pod-pinned-to-node', {}],
    ['k8s-monitoring-egress-deny', np({})],
    ['k8s-configmap-credentials', cm({})],
    ['k8s-system-namespace-pod', { namespace: 'kube-system' }],
  ])('%s counts a Metadata-level write as not evaluable', (id, over) => {
    const { hits, notEvaluable } = run(id, [
      request({ ...over, level: 'Metadata', requestObject: null }),
    ]);
    expect(hits).toEqual([]);
    expect(notEvaluable[0]).toMatchObject({
      count: 1,
      reason: 'audit level Metadata carries no request body',
    });
  });
});
