import { describe, expect, it } from 'vitest';
import type { ApiObservation } from '../../../../src/model/observation.js';
import { request, run, severities } from './helpers.js';

type Case = [string, string, ApiObservation, string[]];

const proxy = (over: Partial<ApiObservation>) =>
  request(0, {
    verb: 'get',
    resource: 'nodes',
    subresource: 'proxy',
    name: 'worker-1',
    namespace: null,
    code: 200,
    ...over,
  });
const reads: Case[] = [
  [
    'kubelet pods through the proxy',
    'k8s-nodes-proxy',
    proxy({ requestURI: '/api/v1/nodes/worker-1/proxy/pods' }),
    ['high'],
  ],
  [
    'a command through the proxy',
    'k8s-nodes-proxy',
    proxy({
      verb: 'create',
      requestURI: '/api/v1/nodes/worker-1/proxy/run/default/web/nginx?cmd=id',
    }),
    ['critical'],
  ],
  ['refused', 'k8s-nodes-proxy', proxy({ code: 403 }), []],
  ['node status', 'k8s-nodes-proxy', proxy({ subresource: 'status' }), []],
  [
    'secrets of every namespace',
    'k8s-secrets-listed-cluster-wide',
    request(0, { verb: 'list', resource: 'secrets', namespace: null, name: null, code: 200 }),
    ['high'],
  ],
  [
    'secrets of one namespace',
    'k8s-secrets-listed-cluster-wide',
    request(0, { verb: 'list', resource: 'secrets', namespace: 'dev', name: null, code: 200 }),
    [],
  ],
  [
    'an ingress controller watching',
    'k8s-secrets-listed-cluster-wide',
    request(0, {
      verb: 'watch',
      resource: 'secrets',
      namespace: null,
      name: null,
      user: 'system:serviceaccount:ingress-nginx:ingress-nginx',
    }),
    [],
  ],
];

const token = (over: Partial<ApiObservation>) =>
  request(0, {
    verb: 'create',
    resource: 'serviceaccounts',
    subresource: 'token',
    namespace: 'ci',
    name: 'builder',
    code: 201,
    ...over,
  });
const identities: Case[] = [
  ['a token minted by a person', 'k8s-serviceaccount-token-minted', token({}), ['medium']],
  [
    'a day-long token',
    'k8s-serviceaccount-token-minted',
    token({ requestObject: { spec: { expirationSeconds: 172800 } } }),
    ['high'],
  ],
  [
    'a kube-system token',
    'k8s-serviceaccount-token-minted',
    token({ namespace: 'kube-system' }),
    ['high'],
  ],
  [
    'a legacy token Secret',
    'k8s-serviceaccount-token-minted',
    request(0, {
      verb: 'create',
      resource: 'secrets',
      subresource: null,
      requestObject: { type: 'kubernetes.io/service-account-token' },
    }),
    ['medium'],
  ],
  [
    'the kubelet minting for a pod',
    'k8s-serviceaccount-token-minted',
    token({ user: 'system:node:worker-1' }),
    [],
  ],
  [
    'an opaque Secret',
    'k8s-serviceaccount-token-minted',
    request(0, { verb: 'create', resource: 'secrets', requestObject: { type: 'Opaque' } }),
    [],
  ],
  ['acting as bob', 'k8s-impersonation', request(0, { impersonatedUser: 'bob' }), ['medium']],
  [
    'acting as system:masters',
    'k8s-impersonation',
    request(0, { impersonatedUser: 'x', impersonatedGroups: ['system:masters'] }),
    ['high'],
  ],
  [
    'acting as a controller',
    'k8s-impersonation',
    request(0, { impersonatedUser: 'system:kube-controller-manager' }),
    ['high'],
  ],
  ['no impersonation', 'k8s-impersonation', request(0, {}), []],
  [
    'anonymous secrets read',
    'k8s-anonymous-request-allowed',
    request(0, { user: 'system:anonymous', verb: 'list', resource: 'secrets', code: 200 }),
    ['high'],
  ],
  [
    'anonymous namespace create',
    'k8s-anonymous-request-allowed',
    request(0, {
      userGroups: ['system:unauthenticated'],
      user: 'x',
      verb: 'create',
      resource: 'namespaces',
    }),
    ['critical'],
  ],
  [
    'anonymous health check',
    'k8s-anonymous-request-allowed',
    request(0, {
      user: 'system:anonymous',
      verb: 'get',
      resource: null,
      requestURI: '/livez?verbose',
      code: 200,
    }),
    [],
  ],
  [
    'anonymous and refused',
    'k8s-anonymous-request-allowed',
    request(0, {
      user: 'system:anonymous',
      code: 403,
      annotations: { 'authorization.k8s.io/decision': 'forbid' },
    }),
    [],
  ],
  ['a discovery tool', 'k8s-attack-user-agent', request(0, { userAgent: 'kube-hunter' }), ['high']],
  ['kubectl', 'k8s-attack-user-agent', request(0, { userAgent: 'kubectl/v1.30.2' }), []],
  [
    'a service account in kube-system',
    'k8s-serviceaccount-created-system-namespace',
    request(0, { resource: 'serviceaccounts', namespace: 'kube-system', name: 'helper' }),
    ['medium'],
  ],
  [
    'a service account in an app namespace',
    'k8s-serviceaccount-created-system-namespace',
    request(0, { resource: 'serviceaccounts', namespace: 'dev', name: 'helper' }),
    [],
  ],
  [
    'a controller creating it',
    'k8s-serviceaccount-created-system-namespace',
    request(0, {
      resource: 'serviceaccounts',
      namespace: 'kube-system',
      name: 'helper',
      user: 'system:serviceaccount:kube-system:tokens-controller',
    }),
    [],
  ],
];
describe('the request data rules', () => {
  it.each([...reads, ...identities])('%s (%s)', (_, rule, obs, expected) => {
    expect(severities(run(rule, [obs]))).toEqual(expected);
  });
});
