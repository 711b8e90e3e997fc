import { describe, expect, it } from 'vitest';
import { exitFromStatus } from '../../../src/readers/docker/ps/ps.js';
import { jsonl, ofKind, readText } from './helpers.js';

const ID = '6423da42e744969b38d50d9d32d8bf1fc976d0509429064f5f97792de084746b';
const HEX = 'f72c4fbf4b2a2c0a8aaa1ce8a18e1352bf9f35bf10f2304a9b2f160e1c1b0b17';

describe('exitFromStatus', () => {
  it.each([
    { status: 'Exited (137) About a minute ago', want: 137 },
    { status: 'Exited (0) 24 seconds ago', want: 0 },
    { status: 'Up 3 minutes', want: null },
    { status: 'Restarting (1) 2 seconds ago', want: null },
    { status: 42, want: null },
  ])('$status', ({ status, want }) => {
    expect(exitFromStatus(status)).toBe(want);
  });
});

describe('docker ps', () => {
  const line = {
    Command: '"sh -c sleep 60"',
    CreatedAt: '2026-12-03 15:51:38 +0000 UTC',
    ID,
    Image: 'docker.io/evidence/base:1.0',
    Labels: 'role=worker,io.kubernetes.pod.namespace=prod,io.kubernetes.pod.name=web-1',
    Names: 'worker,linked/alias',
    State: 'exited',
    Status: 'Exited (137) About a minute ago',
  };

  it('reads what a listing carries and leaves the rest unknown', async () => {
    const result = await readText('ps.ndjson', jsonl(line));
    expect(result.format).toBe('docker-ps');
    expect(ofKind(result, 'config')[0]).toMatchObject({
      runtime: 'docker',
      time: '2026-12-03T15:51:38Z',
      container: ID,
      name: 'worker',
      image: 'docker.io/evidence/base:1.0',
      pod: { namespace: 'prod', name: 'web-1' },
      exitCode: 137,
      command: ['sh -c sleep 60'],
      privileged: null,
      logDriver: null,
    });
  });

  it('skips a line without an ID', async () => {
    const result = await readText('ps.ndjson', jsonl(line, { ...line, ID: null }, line));
    expect(result.stats).toMatchObject({ records: 2, skipped: 1 });
    expect(result.stats.warnings[0]?.line).toBe(2);
  });
});

describe('podman ps', () => {
  const entry = {
    Command: ['sh', '-c', 'exit 3'],
    Exited: true,
    ExitedAt: 1796312505,
    ExitCode: 3,
    Id: ID,
    Image: 'docker.io/evidence/base:1.0',
    ImageID: HEX,
    Labels: { app: 'web' },
    Names: ['evidence-fail'],
    StartedAt: 1796312505,
    State: 'exited',
    Status: 'Exited (3) 25 seconds ago',
    Created: 1796312504,
  };

  it.each([
    {
      name: 'exited',
      over: {},
      want: { exitCode: 3, finished: '2026-12-03T15:41:45Z', started: '2026-12-03T15:41:45Z' },
    },
    {
      name: 'running',
      over: { Exited: false, ExitCode: 0 },
      want: { exitCode: null, finished: null },
    },
    {
      name: 'never started',
      over: { StartedAt: 0, Exited: false },
      want: { started: null, time: '2026-12-03T15:41:44Z' },
    },
  ])('$name', async ({ over, want }) => {
    const result = await readText('ps.json', JSON.stringify([{ ...entry, ...over }], null, 2));
    expect(result.format).toBe('podman-ps');
    expect(ofKind(result, 'config')[0]).toMatchObject({
      runtime: 'podman',
      name: 'evidence-fail',
      imageId: `sha256:${HEX}`,
      command: ['sh', '-c', 'exit 3'],
      ...want,
    });
  });
});
