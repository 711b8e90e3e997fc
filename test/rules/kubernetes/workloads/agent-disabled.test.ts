import { describe, expect, it } from 'vitest';
import type { ApiObservation } from '../../../../src/model/observation.js';
import { request, run, workloadBody } from './pack.js';

const ID = 'k8s-security-agent-disabled';
const AFFINITY =
  '/spec/template/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution';
const FALCO = { resource: 'daemonsets', namespace: 'falco', name: 'falco' };

/** A JSON patch body as the audit log keeps it: a list, where the type says object. */
const jsonPatch = (ops: unknown[]): Partial<ApiObservation> => ({
  verb: 'patch',
  requestObject: ops as unknown as Record<string, unknown>,
});
const template = (spec: Record<string, unknown>): Record<string, unknown> =>
  workloadBody('DaemonSet', [{ name: 'falco', image: 'falcosecurity/falco:0.38' }], spec);
const replace = (spec: Record<string, unknown>): Partial<ApiObservation> => ({
  verb: 'update',
  requestObject: template(spec),
});
const required = (expressions: unknown[]): Record<string, unknown> => ({
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: expressions }],
      },
    },
  },
});

describe(`${ID} on whole updates and JSON patches`, () => {
  it.each<[string, Partial<ApiObservation>, string]>([
    [
      'an update pinning to a missing host',
      replace({ nodeSelector: { 'kubernetes.io/hostname': 'nope' } }),
      'given a nodeSelector (kubernetes.io/hostname=nope)',
    ],
    [
      'an update with a node affinity no node meets',
      replace(required([{ key: 'role', operator: 'In', values: ['none'] }])),
      'given a node affinity (role In [none])',
    ],
    [
      'an update to zero replicas',
      { verb: 'update', requestObject: { spec: { replicas: 0 } } },
      'scaled to zero',
    ],
    [
      'a JSON patch adding a nodeSelector',
      jsonPatch([
        {
          op: 'add',
          path: '/spec/template/spec/nodeSelector',
          value: { 'kubernetes.io/hostname': 'nope' },
        },
      ]),
      'given a nodeSelector (kubernetes.io/hostname=nope)',
    ],
    [
      'a JSON patch adding one escaped label',
      jsonPatch([
        { op: 'add', path: '/spec/template/spec/nodeSelector/kubernetes.io~1hostname', value: 'x' },
      ]),
      'given a nodeSelector (kubernetes.io/hostname=x)',
    ],
    [
      'a JSON patch adding an affinity term',
      jsonPatch([
        {
          op: 'add',
          path: AFFINITY,
          value: {
            nodeSelectorTerms: [
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['ghost'] }] },
            ],
          },
        },
      ]),
      'given a node affinity (metadata.name In [ghost])',
    ],
    [
      'a JSON patch to zero replicas',
      {
        ...jsonPatch([{ op: 'replace', path: '/spec/replicas', value: 0 }]),
        resource: 'deployments',
      },
      'scaled to zero',
    ],
    [
      'a JSON patch of the scale subresource',
      {
        ...jsonPatch([{ op: 'replace', path: '/spec/replicas', value: 0 }]),
        resource: 'deployments',
        subresource: 'scale',
      },
      'scaled to zero',
    ],
    [
      'a JSON patch the reader kept only as its stored result',
      {
        verb: 'patch',
        level: 'RequestResponse',
        requestObject: null,
        responseObject: template({ nodeSelector: { disk: 'none' } }),
      },
      'given a nodeSelector (disk=none)',
    ],
  ])('reports %s', (_, over, how) => {
    const { hits } = run(ID, [request({ ...FALCO, ...over })]);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.summary).toContain(how);
    expect(hits[0]!.hit.summary).toMatch(/ by alice$/);
  });

  it.each<[string, Partial<ApiObservation>]>([
    [
      'an update limited to Linux nodes',
      replace({ nodeSelector: { 'kubernetes.io/os': 'linux' } }),
    ],
    [
      'an update excluding virtual nodes',
      replace(required([{ key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }])),
    ],
    ['an update with no selector', replace({})],
    [
      'a JSON patch of the image',
      jsonPatch([
        { op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'falco:0.39' },
      ]),
    ],
    [
      'a JSON patch removing the selector',
      jsonPatch([{ op: 'remove', path: '/spec/template/spec/nodeSelector' }]),
    ],
    [
      'a JSON patch to two replicas',
      jsonPatch([{ op: 'replace', path: '/spec/replicas', value: 2 }]),
    ],
    [
      'a JSON patch of another app',
      {
        ...jsonPatch([{ op: 'add', path: '/spec/template/spec/nodeSelector', value: { a: 'b' } }]),
        namespace: 'shop',
        name: 'web',
      },
    ],
    [
      'a hostile JSON patch',
      jsonPatch([
        null,
        7,
        'add',
        { op: 'add' },
        { op: 'add', path: 'spec/replicas', value: 0 },
        { op: 'add', path: '/__proto__/polluted', value: 0 },
        { op: 'add', path: '/0/spec', value: { replicas: 0 } },
        { op: 'add', path: '', value: { __proto__: { replicas: 0 } } },
      ]),
    ],
    ['a refused update', { ...replace({ nodeSelector: { a: 'b' } }), code: 403 }],
  ])('stays quiet on %s', (_, over) => {
    const { hits } = run(ID, [request({ ...FALCO, ...over })]);
    expect(hits).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('passes an update that restates the selector the log showed before', () => {
    const selector = { nodeSelector: { 'node-role.example.com/agents': 'true' } };
    const { hits } = run(ID, [
      request({ ...FALCO, requestObject: template(selector) }),
      request({ ...FALCO, ...replace(selector) }),
    ]);
    expect(hits).toEqual([]);
  });

  it('reports an update that changes the selector the log showed before', () => {
    const { hits } = run(ID, [
      request({ ...FALCO, requestObject: template({ nodeSelector: { pool: 'agents' } }) }),
      request({ ...FALCO, ...replace({ nodeSelector: { pool: 'nowhere' } }) }),
    ]);
    expect(hits.map((h) => h.hit.summary)).toEqual([
      'security agent DaemonSet falco/falco given a nodeSelector (pool=nowhere) by alice',
    ]);
  });

  it('forgets the oldest agents past its bound', () => {
    const selector = { nodeSelector: { pool: 'agents' } };
    const others = Array.from({ length: 5000 }, (_, i) =>
      request({ ...FALCO, name: `falco-${i}`, requestObject: template(selector) }),
    );
    const { hits } = run(ID, [
      request({ ...FALCO, requestObject: template(selector) }),
      ...others,
      request({ ...FALCO, ...replace(selector) }),
    ]);
    expect(hits).toHaveLength(1);
  });

  it('names an unknown identity when the log names no user', () => {
    const { hits } = run(ID, [request({ ...FALCO, verb: 'delete', user: null })]);
    expect(hits[0]!.hit.summary).toBe(
      'security agent DaemonSet falco/falco deleted by an unknown identity',
    );
  });
});

describe('agent and image writes whose body was not logged', () => {
  const metadata = (over: Partial<ApiObservation>) =>
    request({ level: 'Metadata', requestObject: null, responseObject: null, ...over });

  it.each([
    [
      'k8s-security-agent-disabled',
      { verb: 'patch', resource: 'daemonsets', namespace: 'falco', name: 'falco' },
    ],
    [
      'k8s-security-agent-disabled',
      {
        verb: 'update',
        resource: 'deployments',
        subresource: null,
        namespace: 'logging',
        name: 'fluent-bit',
      },
    ],
    ['k8s-image-swap', { verb: 'update', resource: 'deployments', namespace: 'shop', name: 'web' }],
  ])('%s counts %j as not evaluable', (rule, over) => {
    const { hits, notEvaluable } = run(rule, [metadata(over as Partial<ApiObservation>)]);
    expect(hits).toEqual([]);
    expect(notEvaluable.map((n) => [n.rule, n.count, n.reason])).toEqual([
      [rule, 1, 'audit level Metadata carries no request body'],
    ]);
  });

  it('does not count a read as an unlogged write', () => {
    const read = metadata({ verb: 'get', resource: 'pods', namespace: 'shop', name: 'web' });
    expect(run('k8s-image-swap', [read]).notEvaluable).toEqual([]);
  });

  it('does not count a write to a workload that is no agent', () => {
    const over = { verb: 'patch', resource: 'daemonsets', namespace: 'shop', name: 'web' };
    expect(run('k8s-security-agent-disabled', [metadata(over)]).notEvaluable).toEqual([]);
  });
});

describe('an agent given a command that does nothing', () => {
  const withCommand = (command: unknown, args?: unknown) => ({
    ...FALCO,
    verb: 'patch',
    requestObject: template({
      containers: [{ name: 'falco', command, ...(args ? { args } : {}) }],
    }),
  });

  it.each([
    [['sleep', 'infinity'], undefined, true],
    [['/bin/sh', '-c'], ['sleep 365d'], true],
    [['tail', '-f', '/dev/null'], undefined, true],
    [['/usr/bin/falco'], ['--cri', '/run/containerd/containerd.sock'], false],
    [['sleep'], undefined, false],
  ])('%j %j: %s', (command, args, fires) => {
    const { hits } = run(ID, [request(withCommand(command, args) as Partial<ApiObservation>)]);
    expect(hits.length > 0).toBe(fires);
  });
});
