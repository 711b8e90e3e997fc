import { describe, expect, it } from 'vitest';
import {
  devices,
  labels,
  limits,
  ports,
  pulledDigest,
} from '../../../src/readers/docker/inspect/settings.js';
import { ofKind, readText } from './helpers.js';

const ID = 'd0dc4bc0a5b9878bf932b74537183e9e339b1ae5e343515926e91de9df1534aa';
const DIGEST = `sha256:${'9b0e'.repeat(16)}`;

describe('inspect settings', () => {
  it.each([
    {
      name: 'an empty HostIp binds every address',
      bindings: { '9000/tcp': [{ HostIp: '', HostPort: '9000' }] },
      live: { '9000/tcp': [{ HostIp: '0.0.0.0', HostPort: '9000' }] },
      want: [{ hostIp: '0.0.0.0', hostPort: 9000, containerPort: 9000, proto: 'tcp' }],
    },
    {
      name: 'IPv6 and UDP, addresses canonical',
      bindings: {},
      live: { '53/UDP': [{ HostIp: '0:0:0:0:0:0:0:0', HostPort: '5353' }] },
      want: [{ hostIp: '::', hostPort: 5353, containerPort: 53, proto: 'udp' }],
    },
    {
      name: 'a port the runtime picks, and one with no protocol',
      bindings: { '2375': [{ HostIp: '127.0.0.1', HostPort: '' }] },
      live: null,
      want: [{ hostIp: '127.0.0.1', hostPort: null, containerPort: 2375, proto: 'tcp' }],
    },
    {
      name: 'exposed but not published, and junk',
      bindings: { '80/tcp': null, x: 'y', '81/tcp': [null, 5] },
      live: { '8000/tcp': null },
      want: [],
    },
  ])('ports: $name', ({ bindings, live, want }) => {
    expect(ports(bindings, live)).toEqual(want);
  });

  it.each([
    { host: { Memory: 67108864, NanoCpus: 0 }, want: { cpu: null, memory: 67108864 } },
    { host: { NanoCpus: 500000000 }, want: { cpu: 0.5, memory: null } },
    { host: { CpuQuota: 150000, CpuPeriod: 100000 }, want: { cpu: 1.5, memory: null } },
    { host: { CpuQuota: 50000, CpuPeriod: 0 }, want: { cpu: 0.5, memory: null } },
    { host: { Memory: 0, NanoCpus: 0, CpuQuota: 0, CpuPeriod: 0 }, want: null },
    { host: { Memory: -1, NanoCpus: '2e9' }, want: { cpu: 2, memory: null } },
    { host: null, want: null },
  ])('limits of $host', ({ host, want }) => {
    expect(limits(host)).toEqual(want);
  });

  it.each([
    { value: [{ PathOnHost: '/dev/sda', PathInContainer: '/dev/xvda' }], want: ['/dev/sda'] },
    { value: [{ PathOnHost: '/dev/mem' }, { PathOnHost: '/dev/mem' }, {}], want: ['/dev/mem'] },
    { value: null, want: [] },
  ])('devices of $value', ({ value, want }) => {
    expect(devices(value)).toEqual(want);
  });

  it.each([
    { image: `nginx@${DIGEST}`, podman: undefined, want: DIGEST },
    {
      image: `nginx:1.25@${DIGEST.toUpperCase().replace('SHA', 'sha')}`,
      podman: null,
      want: DIGEST,
    },
    { image: 'nginx:1.25', podman: DIGEST, want: DIGEST },
    { image: 'nginx:1.25', podman: 'sha256:short', want: null },
    { image: null, podman: undefined, want: null },
  ])('pulled digest of $image / $podman', ({ image, podman, want }) => {
    expect(pulledDigest(image, podman)).toBe(want);
  });

  it('keeps string labels only', () => {
    expect(labels({ role: 'web', n: 1, o: {} })).toEqual({ role: 'web' });
    expect(labels(null)).toEqual({});
  });
});

describe('inspect fills the new config fields', () => {
  const record = {
    Id: ID,
    Created: '0001-01-01T00:00:00Z',
    State: {
      Running: false,
      StartedAt: '0001-01-01T00:00:00Z',
      FinishedAt: '0001-01-01T00:00:00Z',
    },
    Name: '/api',
    Config: { Image: `registry.example/api@${DIGEST}`, Labels: { role: 'api' } },
    HostConfig: {
      PortBindings: { '2375/tcp': [{ HostIp: '', HostPort: '2375' }] },
      Devices: [{ PathOnHost: '/dev/kmsg', PathInContainer: '/dev/kmsg' }],
      Memory: 268435456,
      NanoCpus: 0,
      CpuQuota: 0,
    },
    NetworkSettings: { Ports: { '2375/tcp': [{ HostIp: '::', HostPort: '2375' }] } },
  };

  it.each([
    { runtime: 'docker', file: 'inspect.json', extra: {} },
    { runtime: 'podman', file: 'podman.json', extra: { ImageName: 'x', OCIRuntime: 'crun' } },
  ])(
    '$runtime: zero times are null, and every new field is set',
    async ({ runtime, file, extra }) => {
      const result = await readText(file, JSON.stringify([{ ...record, ...extra }], null, 1));
      expect(result.format).toBe(`${runtime}-inspect`);
      const [obs] = ofKind(result, 'config');
      expect(obs).toMatchObject({
        time: null,
        started: null,
        finished: null,
        labels: { role: 'api' },
        ports: [
          { hostIp: '0.0.0.0', hostPort: 2375, containerPort: 2375, proto: 'tcp' },
          { hostIp: '::', hostPort: 2375, containerPort: 2375, proto: 'tcp' },
        ],
        devices: ['/dev/kmsg'],
        limits: { cpu: null, memory: 268435456 },
        imageDigest: DIGEST,
        owner: null,
        node: null,
        serviceAccount: null,
      });
    },
  );
});
