import { describe, expect, it } from 'vitest';
import type { ApiObservation } from '../../../../src/model/observation.js';
import { request, run } from './pack.js';

const ESCAPE = 'k8s-escape-ready-workload';
const NOT_LOGGED = 'audit level Metadata carries no request body';
const JSON_PATCH = 'request body is a JSON patch; not judged';

const jsonPatch = (
  ops: unknown[],
  over: Partial<ApiObservation> = {},
): Partial<ApiObservation> => ({
  verb: 'patch',
  resource: 'deployments',
  name: 'web',
  requestObject: ops as unknown as Record<string, unknown>,
  ...over,
});
const add = (path: string, value: unknown): unknown => ({ op: 'add', path, value });
const TPL = '/spec/template/spec';

describe(`${ESCAPE} reads a JSON patch`, () => {
  it.each<[string, unknown[], string, string]>([
    [
      'privileged set on a container',
      [add(`${TPL}/containers/0/securityContext/privileged`, true)],
      'high',
      'with privileged (container #0) (JSON patch)',
    ],
    ['hostPID', [add(`${TPL}/hostPID`, true)], 'high', 'with hostPID'],
    [
      'hostNetwork',
      [{ op: 'replace', path: `${TPL}/hostNetwork`, value: true }],
      'medium',
      'hostNetwork',
    ],
    ['hostIPC', [add(`${TPL}/hostIPC`, true)], 'medium', 'hostIPC'],
    [
      'a privileged container added with the host PID namespace',
      [
        add(`${TPL}/hostPID`, true),
        add(`${TPL}/containers/-`, { name: 'sh', securityContext: { privileged: true } }),
      ],
      'critical',
      'hostPID, privileged (container sh)',
    ],
    [
      'a hostPath volume of the host root',
      [add(`${TPL}/volumes/-`, { name: 'h', hostPath: { path: '/' } })],
      'critical',
      'host root / as a volume',
    ],
    [
      'a hostPath changed to the runtime socket',
      [
        {
          op: 'replace',
          path: `${TPL}/volumes/0/hostPath/path`,
          value: '/run/containerd/containerd.sock',
        },
      ],
      'critical',
      'runtime socket /run/containerd/containerd.sock',
    ],
    [
      'a whole securityContext',
      [add(`${TPL}/initContainers/1/securityContext`, { privileged: true })],
      'high',
      'privileged (container #1)',
    ],
  ])('reports %s', (_, ops, severity, text) => {
    const { hits, notEvaluable } = run(ESCAPE, [request(jsonPatch(ops))]);
    expect(notEvaluable).toEqual([]);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.severity).toBe(severity);
    expect(hits[0]!.hit.summary).toContain(text);
  });

  it.each<[string, unknown[]]>([
    ['an image change', [{ op: 'replace', path: `${TPL}/containers/0/image`, value: 'web:2' }]],
    ['privileged switched off', [add(`${TPL}/containers/0/securityContext/privileged`, false)]],
    [
      'privileged removed',
      [{ op: 'remove', path: `${TPL}/containers/0/securityContext/privileged` }],
    ],
    [
      'an ordinary host folder',
      [add(`${TPL}/volumes/-`, { name: 'd', hostPath: { path: '/srv' } })],
    ],
    ['a label named hostPID', [add('/metadata/labels/hostPID', 'true')]],
    [
      'hostile operations',
      [null, 3, { op: 'add', path: 7, value: true }, { path: '/spec/hostPID' }],
    ],
    ['an empty patch', []],
  ])('stays quiet on %s, and counts nothing as unjudged', (_, ops) => {
    const { hits, notEvaluable } = run(ESCAPE, [request(jsonPatch(ops))]);
    expect(hits).toEqual([]);
    expect(notEvaluable).toEqual([]);
  });

  it('stops at a value nested past any pod spec', () => {
    let deep: unknown = { hostPID: true };
    for (let i = 0; i < 50; i += 1) deep = { nest: deep };
    const { hits } = run(ESCAPE, [request(jsonPatch([add(TPL, deep)]))]);
    expect(hits).toEqual([]);
  });
});

describe('not-evaluable reasons of writes without an object body', () => {
  it.each<[string, string, Partial<ApiObservation>, string]>([
    [ESCAPE, 'a Metadata-level patch', { verb: 'patch', level: 'Metadata' }, NOT_LOGGED],
    [
      ESCAPE,
      'a Request-level patch with no object',
      { verb: 'patch', level: 'Request' },
      JSON_PATCH,
    ],
    [
      ESCAPE,
      'a Request-level create with no object',
      { level: 'Request' },
      'request body is not an object; not judged',
    ],
    [
      'k8s-configmap-credentials',
      'a Request-level ConfigMap patch',
      { verb: 'patch', level: 'Request', resource: 'configmaps' },
      JSON_PATCH,
    ],
  ])('%s: %s', (id, _, over, reason) => {
    const { hits, notEvaluable } = run(id, [request({ requestObject: null, ...over })]);
    expect(hits).toEqual([]);
    expect(notEvaluable).toEqual([expect.objectContaining({ count: 1, reason })]);
  });

  it('k8s-configmap-credentials reads data keys a JSON patch adds', () => {
    const ops = [add('/data/DB_PASSWORD', 'hunter22')];
    const { hits } = run('k8s-configmap-credentials', [
      request(jsonPatch(ops, { resource: 'configmaps', name: 'settings' })),
    ]);
    expect(hits[0]!.hit.summary).toBe(
      'ConfigMap default/settings patched by alice holds DB_PASSWORD',
    );
  });
});
