import { describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/detect/engine.js';
import type { ApiObservation } from '../../../../src/model/observation.js';
import { defaultSettings } from '../../../helpers/rules.js';
import { accessRule, rbacWrite, run, severities } from './helpers.js';

const ADMIN_REF = { roleRef: { kind: 'ClusterRole', name: 'cluster-admin' } };
const SA = [{ kind: 'ServiceAccount', name: 'builder', namespace: 'ci' }];
const rules = (list: unknown) => ({ rules: list });

type Case = [string, string, ApiObservation, string[]];

const bindings: Case[] = [
  [
    'cluster-admin bound',
    'k8s-cluster-admin-binding',
    rbacWrite('clusterrolebindings', { ...ADMIN_REF, subjects: SA }),
    ['high'],
  ],
  [
    'system:masters as a subject',
    'k8s-cluster-admin-binding',
    rbacWrite('rolebindings', {
      roleRef: { name: 'edit' },
      subjects: [{ kind: 'Group', name: 'system:masters' }],
    }),
    ['high'],
  ],
  [
    'cluster-admin for every anonymous caller',
    'k8s-cluster-admin-binding',
    rbacWrite('clusterrolebindings', {
      ...ADMIN_REF,
      subjects: [{ kind: 'User', name: 'system:anonymous' }],
    }),
    ['critical'],
  ],
  [
    'a view binding',
    'k8s-cluster-admin-binding',
    rbacWrite('clusterrolebindings', { roleRef: { name: 'view' }, subjects: SA }),
    [],
  ],
  [
    'a refused cluster-admin binding',
    'k8s-cluster-admin-binding',
    rbacWrite('clusterrolebindings', { ...ADMIN_REF, subjects: SA }, { code: 403 }),
    [],
  ],
  [
    'the API server bootstrapping its own binding',
    'k8s-cluster-admin-binding',
    rbacWrite('clusterrolebindings', ADMIN_REF, { user: 'system:apiserver' }),
    [],
  ],
  [
    'a body of the wrong types',
    'k8s-cluster-admin-binding',
    rbacWrite('clusterrolebindings', { roleRef: 'cluster-admin', subjects: 7 }),
    [],
  ],
];

const roles: Case[] = [
  [
    'verbs *',
    'k8s-role-wildcard',
    rbacWrite('clusterroles', rules([{ verbs: ['*'], resources: ['pods'] }])),
    ['high'],
  ],
  [
    'resources *',
    'k8s-role-wildcard',
    rbacWrite('roles', rules([{ verbs: ['get'], resources: ['*'] }])),
    ['high'],
  ],
  [
    'apiGroups *',
    'k8s-role-wildcard',
    rbacWrite('roles', rules([{ apiGroups: ['*'], verbs: ['get'] }])),
    ['high'],
  ],
  [
    'explicit verbs',
    'k8s-role-wildcard',
    rbacWrite('roles', rules([{ verbs: ['get'], resources: ['pods'] }])),
    [],
  ],
  [
    'a controller reconciling',
    'k8s-role-wildcard',
    rbacWrite('clusterroles', rules([{ verbs: ['*'] }]), {
      user: 'system:kube-controller-manager',
    }),
    [],
  ],
  ['rules not a list', 'k8s-role-wildcard', rbacWrite('roles', rules('*')), []],
  [
    'pods/exec',
    'k8s-role-dangerous-permissions',
    rbacWrite('roles', rules([{ verbs: ['create'], resources: ['pods/exec'] }])),
    ['high'],
  ],
  [
    'nodes/proxy',
    'k8s-role-dangerous-permissions',
    rbacWrite('clusterroles', rules([{ verbs: ['get'], resources: ['nodes/proxy'] }])),
    ['high'],
  ],
  [
    'the bind verb',
    'k8s-role-dangerous-permissions',
    rbacWrite('clusterroles', rules([{ verbs: ['bind'], resources: ['clusterroles'] }])),
    ['high'],
  ],
  [
    'pods/log',
    'k8s-role-dangerous-permissions',
    rbacWrite('roles', rules([{ verbs: ['get'], resources: ['pods/log'] }])),
    [],
  ],
  [
    'delete configmaps',
    'k8s-role-write-privileges',
    rbacWrite('roles', rules([{ verbs: ['get', 'delete'], resources: ['configmaps'] }])),
    ['low'],
  ],
  [
    'read only',
    'k8s-role-write-privileges',
    rbacWrite('roles', rules([{ verbs: ['get', 'list', 'watch'], resources: ['configmaps'] }])),
    [],
  ],
  [
    'a verb that is a number',
    'k8s-role-write-privileges',
    rbacWrite('roles', rules([{ verbs: [5, null] }])),
    [],
  ],
];

const system = (over: Partial<ApiObservation>) =>
  rbacWrite('clusterroles', null, { verb: 'patch', code: 200, ...over });
const systemRoles: Case[] = [
  [
    'system: role patched',
    'k8s-system-clusterrole-modified',
    system({ name: 'system:node' }),
    ['high'],
  ],
  [
    'system: role deleted',
    'k8s-system-clusterrole-modified',
    system({ verb: 'delete', name: 'system:kube-scheduler' }),
    ['high'],
  ],
  [
    'bootstrap label in the body',
    'k8s-system-clusterrole-modified',
    system({
      name: 'view',
      requestObject: { metadata: { labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } } },
    }),
    ['high'],
  ],
  [
    'a system role created',
    'k8s-system-clusterrole-modified',
    system({ verb: 'create', name: 'system:new' }),
    [],
  ],
  [
    'the API server reconciling',
    'k8s-system-clusterrole-modified',
    system({ name: 'system:node', user: 'system:apiserver' }),
    [],
  ],
  [
    'an application role patched',
    'k8s-system-clusterrole-modified',
    system({ name: 'app-reader' }),
    [],
  ],
];

describe('the RBAC data rules', () => {
  it.each([...bindings, ...roles, ...systemRoles])('%s (%s)', (_, rule, obs, expected) => {
    expect(severities(run(rule, [obs]))).toEqual(expected);
  });

  it('counts a Metadata-level role write as not evaluable instead of passing it', () => {
    const engine = new Engine([accessRule('k8s-role-wildcard')], defaultSettings());
    engine.observe(
      rbacWrite('clusterroles', null, { level: 'Metadata', notes: ['metadata-level'] }),
    );
    const { hits, notEvaluable } = engine.finish();
    expect(hits).toEqual([]);
    expect(notEvaluable).toMatchObject([{ rule: 'k8s-role-wildcard', count: 1 }]);
  });

  it('keeps one finding key per binding, whoever asks twice', () => {
    const obs = rbacWrite('clusterrolebindings', { ...ADMIN_REF, subjects: SA }, { name: 'ops' });
    const keys = run('k8s-cluster-admin-binding', [obs, { ...obs }]).map((h) => h.hit.key);
    expect(new Set(keys).size).toBe(1);
  });
});
