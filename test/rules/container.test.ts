import { describe, expect, it } from 'vitest';
import { containerDangerousCapabilities } from '../../src/detect/rules/container/capabilities.js';
import { containerHostNamespaces } from '../../src/detect/rules/container/host-namespaces.js';
import { containerLoggingDisabled } from '../../src/detect/rules/container/logging-disabled.js';
import { containerMinerOrTool } from '../../src/detect/rules/container/miner-command.js';
import { containerPrivileged } from '../../src/detect/rules/container/privileged.js';
import {
  containerHostRootMount,
  containerRuntimeSocketMount,
  containerSensitiveMount,
} from '../../src/detect/rules/container/sensitive-mount.js';
import { containerUnconfined } from '../../src/detect/rules/container/unconfined.js';
import type { ConfigObservation } from '../../src/model/observation.js';
import { config, lifecycle, log } from '../helpers/observations.js';
import { runRule } from '../helpers/rules.js';

const bind = (source: string, readOnly = false) => ({
  source,
  destination: '/mnt',
  readOnly,
  type: 'bind',
});

type Case = { name: string; obs: Partial<ConfigObservation>; severity: string | null };

describe('container-privileged', () => {
  it.each<Case>([
    { name: 'privileged container', obs: { privileged: true }, severity: 'high' },
    {
      name: 'pod container',
      obs: { privileged: true, pod: { namespace: 'ns', name: 'p' } },
      severity: 'high',
    },
    { name: 'unprivileged', obs: { privileged: false }, severity: null },
    { name: 'unknown', obs: { privileged: null }, severity: null },
  ])('$name', ({ obs, severity }) => {
    const hits = runRule(containerPrivileged, [config(obs)]);
    expect(hits.map((h) => h.hit.severity ?? h.card.severity)).toEqual(severity ? [severity] : []);
  });

  it('names the container and its image, and fills the response', () => {
    const [hit] = runRule(containerPrivileged, [config({ privileged: true, name: 'ghost' })]);
    expect(hit!.hit.summary).toBe('ghost (image nginx:1.25) runs privileged');
    expect(hit!.hit.evidence).toEqual([{ path: 'inspect.json', line: 2 }]);
    expect(hit!.hit.vars?.export).toContain('docker export ghost');
  });
});

describe('container-host-namespaces', () => {
  it.each<Case>([
    { name: 'host PID', obs: { pidMode: 'host' }, severity: 'high' },
    { name: 'host network', obs: { networkMode: 'host' }, severity: 'medium' },
    { name: 'host IPC and UTS', obs: { ipcMode: 'host', utsMode: 'host' }, severity: 'medium' },
    { name: 'bridge network', obs: { networkMode: 'bridge' }, severity: null },
    { name: 'another container', obs: { pidMode: 'container:abc' }, severity: null },
    { name: 'shareable IPC', obs: { ipcMode: 'shareable' }, severity: null },
  ])('$name', ({ obs, severity }) => {
    const hits = runRule(containerHostNamespaces, [config(obs)]);
    expect(hits.map((h) => h.hit.severity)).toEqual(severity ? [severity] : []);
  });
});

describe('the three mount rules', () => {
  it.each([
    {
      name: 'docker socket',
      mounts: [bind('/var/run/docker.sock')],
      rule: containerRuntimeSocketMount,
    },
    {
      name: 'containerd socket',
      mounts: [bind('/run/containerd/containerd.sock')],
      rule: containerRuntimeSocketMount,
    },
    { name: 'host root', mounts: [bind('/', true)], rule: containerHostRootMount },
  ])('$name belongs to its own rule, at the card severity', ({ mounts, rule }) => {
    const hits = runRule(rule, [config({ mounts })]);
    expect(hits.map((h) => h.hit.severity ?? h.card.severity)).toEqual(['critical']);
    expect(runRule(containerSensitiveMount, [config({ mounts })])).toEqual([]);
  });
});

describe('container-sensitive-mount', () => {
  it.each([
    { name: 'etc with trailing slash', mounts: [bind('/etc/')], want: ['high'] },
    { name: 'under kubelet', mounts: [bind('/var/lib/kubelet/pods')], want: ['high'] },
    { name: 'writable plain folder', mounts: [bind('/srv/share')], want: ['low'] },
    { name: 'read-only plain folder', mounts: [bind('/srv/share', true)], want: [] },
    {
      name: 'named volume under the docker root',
      mounts: [
        {
          source: '/var/lib/docker/volumes/x/_data',
          destination: '/d',
          readOnly: false,
          type: 'volume',
        },
      ],
      want: [],
    },
    { name: 'no mounts', mounts: [], want: [] },
  ])('$name', ({ mounts, want }) => {
    const hits = runRule(containerSensitiveMount, [config({ mounts })]);
    expect(hits.map((h) => h.hit.severity ?? h.card.severity)).toEqual(want);
  });
});

describe('container-dangerous-capabilities', () => {
  it.each([
    {
      name: 'SYS_ADMIN with prefix',
      capAdd: ['CAP_SYS_ADMIN', 'CAP_SYS_PTRACE'],
      want: ['high'],
      key: 'SYS_ADMIN, SYS_PTRACE',
    },
    { name: 'NET_ADMIN only', capAdd: ['NET_ADMIN'], want: ['medium'], key: 'NET_ADMIN' },
    { name: 'ALL', capAdd: ['all'], want: ['high'], key: 'ALL' },
    { name: 'harmless', capAdd: ['NET_BIND_SERVICE', 'CHOWN'], want: [], key: '' },
  ])('$name', ({ capAdd, want, key }) => {
    const hits = runRule(containerDangerousCapabilities, [config({ capAdd })]);
    expect(hits.map((h) => h.hit.severity)).toEqual(want);
    if (want.length > 0) expect(hits[0]!.hit.key).toBe(key);
  });

  it('leaves privileged containers to their own rule', () => {
    expect(
      runRule(containerDangerousCapabilities, [
        config({ privileged: true, capAdd: ['SYS_ADMIN'] }),
      ]),
    ).toEqual([]);
  });
});

describe('container-security-profile-disabled', () => {
  it.each([
    { name: 'seccomp', obs: { seccomp: 'unconfined' }, key: 'seccomp' },
    {
      name: 'both',
      obs: { seccomp: 'unconfined', apparmor: 'unconfined' },
      key: 'seccomp and AppArmor',
    },
    { name: 'default', obs: { seccomp: 'runtime/default' }, key: null },
    { name: 'unset', obs: {}, key: null },
  ])('$name', ({ obs, key }) => {
    const hits = runRule(containerUnconfined, [config(obs)]);
    expect(hits.map((h) => h.hit.key)).toEqual(key ? [key] : []);
  });
});

describe('container-logging-disabled', () => {
  it.each([
    { driver: 'none', fires: true },
    { driver: 'NONE', fires: true },
    { driver: 'json-file', fires: false },
    { driver: null, fires: false },
  ])('log driver $driver', ({ driver, fires }) => {
    const hits = runRule(containerLoggingDisabled, [config({ logDriver: driver })]);
    expect(hits.length).toBe(fires ? 1 : 0);
  });
});

describe('container-miner-or-tool', () => {
  it.each([
    {
      name: 'miner in command',
      obs: config({ command: ['/usr/local/bin/xmrig', '-o', 'pool'] }),
      want: 'xmrig',
    },
    {
      name: 'pool URL in a log line',
      obs: log({ message: 'connect stratum+tcp://1.2.3.4:3333' }),
      want: 'stratum+tcp://',
    },
    {
      name: 'tool run through exec',
      obs: lifecycle({ action: 'exec_create', detail: 'sh linpeas.sh' }),
      want: 'linpeas.sh',
    },
    { name: 'ordinary command', obs: config({ command: ['nginx'] }), want: null },
    { name: 'start event', obs: lifecycle({ action: 'start', detail: 'xmrig' }), want: null },
  ])('$name', ({ obs, want }) => {
    const hits = runRule(containerMinerOrTool, [obs]);
    expect(hits.map((h) => h.hit.vars?.match)).toEqual(want ? [want] : []);
  });
});

describe('images trusted with host privileges', () => {
  it.each([
    ['a trusted agent image', { image: 'falcosecurity/falco:0.39.0' }, 0],
    ['a system image on a plain host', { image: 'registry.k8s.io/kube-proxy:v1.31.0' }, 0],
    [
      'a system image in kube-system',
      {
        image: 'registry.k8s.io/kube-proxy:v1.31.0',
        pod: { namespace: 'kube-system', name: 'kp' },
      },
      0,
    ],
    [
      'a system image in another namespace',
      { image: 'registry.k8s.io/kube-proxy:v1.31.0', pod: { namespace: 'default', name: 'kp' } },
      1,
    ],
    ['an image dressed as a trusted one', { image: 'evil.example/falcosecurity/falco' }, 1],
  ])('%s', (_, over, expected) => {
    for (const rule of ['container-privileged', 'container-host-namespaces']) {
      const obs = config({ privileged: true, pidMode: 'host', ...over });
      expect(runRule(rule, [obs]), rule).toHaveLength(expected);
    }
  });
});
