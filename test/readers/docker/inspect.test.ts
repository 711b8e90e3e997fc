import { describe, expect, it } from 'vitest';
import {
  command,
  confinement,
  mounts,
  parseBind,
} from '../../../src/readers/docker/inspect/fields.js';
import { jsonl, ofKind, readText } from './helpers.js';

const HEX = 'f72c4fbf4b2a2c0a8aaa1ce8a18e1352bf9f35bf10f2304a9b2f160e1c1b0b17';
const ID = 'd0dc4bc0a5b9878bf932b74537183e9e339b1ae5e343515926e91de9df1534aa';

/** A small `docker inspect` element; `over` replaces top-level parts. */
function container(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Id: ID,
    Created: '2026-12-03T15:54:33.206232305Z',
    Path: 'sleep',
    Args: ['300'],
    State: {
      Status: 'running',
      Running: true,
      ExitCode: 0,
      StartedAt: '2026-12-03T15:54:33.331812855Z',
      FinishedAt: '0001-01-01T00:00:00Z',
    },
    Image: `sha256:${HEX}`,
    Name: '/ghost',
    RestartCount: 0,
    HostConfig: {
      Binds: ['/srv/hostshare:/host:rw,rprivate,rbind'],
      LogConfig: { Type: 'none', Config: null },
      NetworkMode: 'none',
      CapAdd: ['NET_ADMIN'],
      CapDrop: ['SYS_RESOURCE'],
      IpcMode: 'host',
      PidMode: 'container:4e4aaba029bc',
      Privileged: true,
      SecurityOpt: ['seccomp:unconfined', 'apparmor=unconfined'],
      UTSMode: '',
    },
    Mounts: [{ Type: 'bind', Source: '/srv/hostshare', Destination: '/host', RW: true }],
    Config: {
      User: '0:0',
      Env: ['A=1'],
      Cmd: ['sleep', '300'],
      Image: 'docker.io/evidence/base:1.0',
      Entrypoint: null,
    },
    NetworkSettings: {
      IPAddress: '172.17.0.2',
      Networks: { bridge: { IPAddress: '172.17.0.2', GlobalIPv6Address: '2001:db8:0:0::2' } },
    },
    ...over,
  };
}

describe('docker inspect', () => {
  it('reads every setting rules look at', async () => {
    const result = await readText('inspect.json', JSON.stringify([container()], null, 2));
    expect(result.format).toBe('docker-inspect');
    expect(result.stats.records).toBe(1);
    const [obs] = ofKind(result, 'config');
    expect(obs).toMatchObject({
      runtime: 'docker',
      time: '2026-12-03T15:54:33.331812855Z',
      source: { line: 2 },
      container: ID,
      name: 'ghost',
      image: 'docker.io/evidence/base:1.0',
      imageId: `sha256:${HEX}`,
      started: '2026-12-03T15:54:33.331812855Z',
      finished: null,
      privileged: true,
      capAdd: ['NET_ADMIN'],
      capDrop: ['SYS_RESOURCE'],
      seccomp: 'unconfined',
      apparmor: 'unconfined',
      pidMode: 'container:4e4aaba029bc',
      ipcMode: 'host',
      networkMode: 'none',
      utsMode: null,
      mounts: [{ source: '/srv/hostshare', destination: '/host', readOnly: false, type: 'bind' }],
      logDriver: 'none',
      user: '0:0',
      command: ['sleep', '300'],
      env: ['A=1'],
      addresses: ['172.17.0.2', '2001:db8::2'],
      restartCount: 0,
      exitCode: null,
    });
  });

  it.each([
    { name: 'one object', text: JSON.stringify(container(), null, 2), records: 1 },
    { name: 'JSON lines', text: jsonl(container(), container({ Id: HEX })), records: 2 },
    { name: 'array of two', text: JSON.stringify([container(), container()]), records: 2 },
  ])('reads $name', async ({ text, records }) => {
    const result = await readText('inspect.json', text);
    expect(result.format).toBe('docker-inspect');
    expect(ofKind(result, 'config')).toHaveLength(records);
  });

  it('dates an exited container by its start and keeps its exit code', async () => {
    const State = {
      Running: false,
      ExitCode: 137,
      StartedAt: '2026-12-03T15:51:38Z',
      FinishedAt: '2026-12-03T15:53:38Z',
    };
    const result = await readText('inspect.json', JSON.stringify([container({ State })]));
    expect(ofKind(result, 'config')[0]).toMatchObject({
      exitCode: 137,
      finished: '2026-12-03T15:53:38Z',
      time: '2026-12-03T15:51:38Z',
    });
  });

  it('skips an element without an Id, and keeps the others', async () => {
    const text = JSON.stringify([container(), { Id: 5, State: {} }], null, 1);
    const result = await readText('inspect.json', text);
    expect(result.stats).toMatchObject({ records: 1, skipped: 1 });
  });

  it('reports a document that is not JSON as a warning, not a crash', async () => {
    const text = JSON.stringify([container()], null, 2).slice(0, -20);
    const result = await readText('inspect.json', text);
    expect(result.format).toBe('docker-inspect');
    expect(result.stats.warnings[0]?.message).toMatch(/reading stopped early/);
  });
});

describe('podman inspect', () => {
  it('is told from Docker by its own fields, and prefixes the bare image id', async () => {
    const podman = container({
      Name: 'evidence-caps',
      Image: HEX,
      ImageName: 'docker.io/evidence/base:1.0',
      OCIRuntime: 'runc',
      Config: { User: '1000:1000', Entrypoint: '', Cmd: ['sleep', '600'] },
      HostConfig: { CapAdd: ['CAP_SYS_ADMIN', 'cap_net_admin'], IpcMode: 'shareable' },
      Mounts: [],
    });
    const result = await readText('podman.json', JSON.stringify([podman], null, 1));
    expect(result.format).toBe('podman-inspect');
    expect(ofKind(result, 'config')[0]).toMatchObject({
      runtime: 'podman',
      name: 'evidence-caps',
      image: 'docker.io/evidence/base:1.0',
      imageId: `sha256:${HEX}`,
      capAdd: ['SYS_ADMIN', 'NET_ADMIN'],
      command: ['sleep', '600'],
      seccomp: null,
    });
  });
});

describe('inspect fields', () => {
  it.each([
    { opts: ['seccomp=unconfined'], profile: '', want: ['unconfined', null] },
    { opts: ['seccomp:/etc/profile.json'], profile: '', want: ['/etc/profile.json', null] },
    { opts: ['no-new-privileges'], profile: 'docker-default', want: [null, 'docker-default'] },
    { opts: ['apparmor:unconfined'], profile: 'docker-default', want: [null, 'unconfined'] },
    { opts: 'seccomp=unconfined', profile: null, want: [null, null] },
  ])('confinement $opts', ({ opts, profile, want }) => {
    expect(confinement(opts, profile)).toEqual({ seccomp: want[0], apparmor: want[1] });
  });

  it.each([
    { bind: '/:/host:ro', want: ['/', '/host', true, 'bind'] },
    { bind: 'data:/data', want: ['data', '/data', false, 'volume'] },
    { bind: 'C:\\logs:C:\\app\\logs', want: ['C:\\logs', 'C:\\app\\logs', false, 'bind'] },
    { bind: '/only-one-part', want: null },
  ])('bind $bind', ({ bind, want }) => {
    const parsed = parseBind(bind);
    if (want === null) expect(parsed).toBeNull();
    else expect(parsed && Object.values(parsed)).toEqual(want);
  });

  it('names a volume by its name and lists binds that Mounts lacks', () => {
    const list = [
      {
        Type: 'volume',
        Name: 'pdata',
        Source: '/var/lib/docker/volumes/pdata/_data',
        Destination: '/data',
        RW: true,
      },
    ];
    expect(mounts(list, ['pdata:/data', '/var/run/docker.sock:/var/run/docker.sock'])).toEqual([
      { source: 'pdata', destination: '/data', readOnly: false, type: 'volume' },
      {
        source: '/var/run/docker.sock',
        destination: '/var/run/docker.sock',
        readOnly: false,
        type: 'bind',
      },
    ]);
  });

  it.each([
    { config: { Entrypoint: ['/entry.sh'], Cmd: ['run'] }, want: ['/entry.sh', 'run'] },
    { config: { Entrypoint: '', Cmd: ['sh', '-c', 'id'] }, want: ['sh', '-c', 'id'] },
    { config: { Entrypoint: null, Cmd: null }, want: ['/docker-entrypoint.sh', 'nginx'] },
    { config: null, want: ['/docker-entrypoint.sh', 'nginx'] },
  ])('command from $config', ({ config, want }) => {
    expect(command(config, '/docker-entrypoint.sh', ['nginx'])).toEqual(want);
  });
});
