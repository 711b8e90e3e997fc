import { describe, expect, it } from 'vitest';
import type { ConfigObservation } from '../../../src/model/observation.js';
import { podConfigs, type PodInput } from '../../../src/readers/kubernetes/pod-spec.js';
import { parseTime } from '../../../src/util/time.js';

const SOURCE = { path: 'pods.json', line: 3 };

function translate(
  spec: Record<string, unknown>,
  extra: Partial<PodInput> = {},
): ConfigObservation[] {
  return podConfigs({
    spec,
    metadata: null,
    status: null,
    pod: { namespace: 'dev', name: 'web' },
    time: parseTime('2024-03-01T10:00:00Z'),
    source: SOURCE,
    ...extra,
  });
}

const one = (container: Record<string, unknown>, pod: Record<string, unknown> = {}, extra = {}) =>
  translate({ ...pod, containers: [{ name: 'c', image: 'img:1', ...container }] }, extra)[0]!;

describe('pod spec: security settings', () => {
  it.each([
    {
      name: 'privileged',
      c: { securityContext: { privileged: true } },
      want: { privileged: true },
    },
    {
      name: 'not said',
      c: {},
      want: { privileged: null, seccomp: null, apparmor: null, user: null },
    },
    {
      name: 'capabilities',
      c: { securityContext: { capabilities: { add: ['SYS_ADMIN', 7], drop: ['ALL'] } } },
      want: { capAdd: ['SYS_ADMIN'], capDrop: ['ALL'] },
    },
    {
      name: 'seccomp Unconfined on the container',
      c: { securityContext: { seccompProfile: { type: 'Unconfined' } } },
      want: { seccomp: 'unconfined' },
    },
    {
      name: 'seccomp Localhost',
      c: { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } } },
      want: { seccomp: 'localhost/p.json' },
    },
    {
      name: 'apparmor profile Unconfined',
      c: { securityContext: { appArmorProfile: { type: 'Unconfined' } } },
      want: { apparmor: 'unconfined' },
    },
    { name: 'runAsUser 0 is root', c: { securityContext: { runAsUser: 0 } }, want: { user: '0' } },
    { name: 'runAsUser negative', c: { securityContext: { runAsUser: -1 } }, want: { user: null } },
  ])('container: $name', ({ c, want }) => {
    expect(one(c)).toMatchObject(want);
  });

  it.each([
    {
      name: 'pod seccompProfile',
      pod: { securityContext: { seccompProfile: { type: 'RuntimeDefault' }, runAsUser: 1000 } },
      want: { seccomp: 'runtime/default', user: '1000' },
    },
    {
      name: 'host namespaces',
      pod: { hostPID: true, hostIPC: true, hostNetwork: true },
      want: { pidMode: 'host', ipcMode: 'host', networkMode: 'host', utsMode: 'host' },
    },
    {
      name: 'host namespaces written as strings are not booleans',
      pod: { hostPID: 'true' },
      want: { pidMode: null },
    },
  ])('pod: $name', ({ pod, want }) => {
    expect(one({}, pod)).toMatchObject(want);
  });

  it.each([
    {
      name: 'seccomp alpha container annotation',
      annotations: { 'container.seccomp.security.alpha.kubernetes.io/c': 'unconfined' },
      want: { seccomp: 'unconfined' },
    },
    {
      name: 'seccomp alpha pod annotation',
      annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'Unconfined' },
      want: { seccomp: 'unconfined' },
    },
    {
      name: 'podman generate kube seccomp annotation',
      annotations: { 'io.podman.annotations.seccomp/c': 'unconfined' },
      want: { seccomp: 'unconfined' },
    },
    {
      name: 'apparmor beta annotation',
      annotations: { 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined' },
      want: { apparmor: 'unconfined' },
    },
    {
      name: 'an annotation for another container',
      annotations: { 'container.apparmor.security.beta.kubernetes.io/other': 'unconfined' },
      want: { apparmor: null },
    },
  ])('annotation: $name', ({ annotations, want }) => {
    expect(one({}, {}, { metadata: { annotations } })).toMatchObject(want);
  });
});

describe('pod spec: mounts, environment, command', () => {
  const volumes = [
    { name: 'root', hostPath: { path: '/', type: 'Directory' } },
    { name: 'logs', hostPath: { path: '/var/log/' } },
    { name: 'token', projected: { sources: [] } },
  ];

  it('joins volumeMounts with hostPath and other volumes', () => {
    const mounts = [
      { name: 'root', mountPath: '/host', readOnly: false },
      { name: 'logs', mountPath: '/l', subPath: 'pods', readOnly: true },
      { name: 'token', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
      { name: 'missing', mountPath: '/m' },
      { name: 'nopath' },
    ];
    expect(one({ volumeMounts: mounts }, { volumes }).mounts).toEqual([
      { source: '/', destination: '/host', readOnly: false, type: 'hostPath' },
      { source: '/var/log/pods', destination: '/l', readOnly: true, type: 'hostPath' },
      {
        source: null,
        destination: '/var/run/secrets/kubernetes.io/serviceaccount',
        readOnly: false,
        type: 'projected',
      },
      { source: null, destination: '/m', readOnly: false, type: null },
    ]);
  });

  it('writes env as NAME=value and says where indirect values come from', () => {
    const env = [
      { name: 'PLAIN', value: 'x=y' },
      { name: 'EMPTY' },
      { name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } },
      { name: 'CFG', valueFrom: { configMapKeyRef: { name: 'app', key: 'k' } } },
      { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { value: 'nameless' },
    ];
    const envFrom = [{ secretRef: { name: 'all' }, prefix: 'S_' }];
    expect(one({ env, envFrom }).env).toEqual([
      'PLAIN=x=y',
      'EMPTY=',
      'PW=<from secret db/pw>',
      'CFG=<from configmap app/k>',
      'NODE=<from field spec.nodeName>',
      'S_*=<from secret all>',
    ]);
  });

  it.each([
    {
      name: 'command and args',
      c: { command: ['/bin/sh', '-c'], args: ['id'] },
      want: ['/bin/sh', '-c', 'id'],
    },
    { name: 'args alone', c: { args: ['--port', '80'] }, want: ['--port', '80'] },
    { name: 'neither', c: {}, want: null },
    { name: 'non-string parts dropped', c: { command: ['sh', 3, null] }, want: ['sh'] },
  ])('command: $name', ({ c, want }) => {
    expect(one(c).command).toEqual(want);
  });
});

describe('pod spec: status and container kinds', () => {
  const spec = {
    initContainers: [
      { name: 'init', image: 'busybox' },
      { name: 'proxy', image: 'envoy', restartPolicy: 'Always' },
    ],
    containers: [{ name: 'app', image: 'web:2' }],
    ephemeralContainers: [{ name: 'debugger', image: 'busybox' }],
  };
  const status = {
    podIP: '10.244.0.8',
    podIPs: [{ ip: '10.244.0.8' }, { ip: 'fd00:0:0::8' }, { ip: 'not-an-ip' }],
    initContainerStatuses: [
      {
        name: 'init',
        containerID: 'containerd://aaa111',
        state: {
          terminated: {
            exitCode: 0,
            startedAt: '2024-03-01T10:00:01Z',
            finishedAt: '2024-03-01T10:00:02Z',
          },
        },
      },
    ],
    containerStatuses: [
      {
        name: 'app',
        containerID: 'docker://bbb222',
        imageID: 'docker://sha256:' + 'a'.repeat(64),
        restartCount: 5,
        state: { running: { startedAt: '2024-03-01T10:00:03.5Z' } },
        lastState: { terminated: { exitCode: 137 } },
      },
    ],
    ephemeralContainerStatuses: [{ name: 'debugger', containerID: 'cri-o://ccc333' }],
  };

  it('gives one observation per container, init first, each with its own notes', () => {
    const configs = translate(spec, { status });
    expect(configs.map((c) => [c.name, c.notes])).toEqual([
      ['init', ['init-container']],
      ['proxy', ['sidecar-container']],
      ['app', undefined],
      ['debugger', ['ephemeral-container']],
    ]);
  });

  it('reads runtime IDs, times, restarts and exit codes from the status', () => {
    const configs = translate(spec, { status });
    expect(
      configs.map((c) => [c.name, c.container, c.started, c.finished, c.restartCount, c.exitCode]),
    ).toEqual([
      ['init', 'aaa111', '2024-03-01T10:00:01Z', '2024-03-01T10:00:02Z', null, 0],
      ['proxy', null, null, null, null, null],
      ['app', 'bbb222', '2024-03-01T10:00:03.5Z', null, 5, 137],
      ['debugger', 'ccc333', null, null, null, null],
    ]);
    expect(configs[2]?.imageId).toBe('sha256:' + 'a'.repeat(64));
    expect(configs[2]?.addresses).toEqual(['10.244.0.8', 'fd00::8']);
  });

  it('dates a pod without a time by its container start', () => {
    const configs = translate(spec, { status, time: null });
    expect(configs[2]?.time).toBe('2024-03-01T10:00:03.5Z');
    expect(configs[1]?.time).toBeNull();
  });

  it('keeps a repository digest out of imageId', () => {
    const repoDigest = { name: 'app', imageID: 'docker.io/library/web@sha256:' + 'b'.repeat(64) };
    const configs = translate(spec, { status: { containerStatuses: [repoDigest] } });
    expect(configs[2]?.imageId).toBeNull();
  });

  it.each([
    { name: 'containers not a list', spec: { containers: 'x' } },
    { name: 'container entries not objects', spec: { containers: [null, 3, 'c'] } },
  ])('gives nothing, and does not throw, for $name', ({ spec: bad }) => {
    expect(translate(bad)).toEqual([]);
  });
});
