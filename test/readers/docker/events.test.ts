import { describe, expect, it } from 'vitest';
import { normalizeAction } from '../../../src/readers/docker/events/action.js';
import { jsonl, ofKind, readText } from './helpers.js';

const ID = 'c454e929116105339869ef8332d720a96b0f692c2475684ac563bf4c5f3acde9';
const actor = (attributes: Record<string, string>) => ({ ID, Attributes: attributes });
const container = (Action: string, attributes: Record<string, string>) => ({
  Type: 'container',
  Action,
  Actor: actor(attributes),
  time: 1709288000,
});

describe('normalizeAction', () => {
  it.each([
    { raw: 'start', action: 'start', detail: null },
    { raw: 'exec_create: /bin/sh -c id', action: 'exec_create', detail: '/bin/sh -c id' },
    { raw: 'health_status: unhealthy', action: 'health_status', detail: 'unhealthy' },
    { raw: 'died', action: 'die', detail: null },
    { raw: 'remove', action: 'destroy', detail: null },
    { raw: 'exec_died', action: 'exec_die', detail: null },
    { raw: 'exec_start: ', action: 'exec_start', detail: null },
  ])('$raw', ({ raw, action, detail }) => {
    expect(normalizeAction(raw)).toEqual({ action, detail });
  });
});

describe('docker events', () => {
  it.each([
    {
      name: 'pre-1.22 shape, seconds only',
      record: { status: 'die', id: ID, from: 'example/legacy:1.0', time: 1709288000 },
      want: { action: 'die', image: 'example/legacy:1.0', time: '2024-03-01T10:13:20Z' },
    },
    {
      name: 'both shapes, timeNano wins with all nine digits',
      text:
        `{"status":"create","id":"${ID}","Type":"container","Action":"create",` +
        `"Actor":{"ID":"${ID}","Attributes":{"image":"web:2","name":"web-1"}},` +
        `"time":1709288001,"timeNano":1709288001120000001}`,
      want: { action: 'create', name: 'web-1', time: '2024-03-01T10:13:21.120000001Z' },
    },
    {
      name: 'Engine 29 shape without status, die with exit code',
      record: {
        Type: 'container',
        Action: 'die',
        Actor: actor({ exitCode: '137', image: 'web:2', name: 'web-1' }),
        time: 1709288061,
        timeNano: 1709288061000000005,
      },
      want: { action: 'die', exitCode: 137, image: 'web:2' },
    },
    {
      name: 'exec command split from the verb',
      record: container('exec_start: sh -c id', {}),
      want: { action: 'exec_start', detail: 'sh -c id', exitCode: null },
    },
    {
      name: 'kill carries its signal as detail',
      record: container('kill', { signal: '9' }),
      want: { action: 'kill', detail: 'signal 9' },
    },
    {
      name: 'Podman through the Docker API: containerExitCode only counts on die',
      record: container('start', { containerExitCode: '0' }),
      want: { action: 'start', exitCode: null },
    },
    {
      name: 'pod labels give the pod',
      record: container('start', {
        'io.kubernetes.pod.namespace': 'prod',
        'io.kubernetes.pod.name': 'web-7d9c',
      }),
      want: { pod: { namespace: 'prod', name: 'web-7d9c' } },
    },
    {
      name: 'network connect names the container',
      record: {
        Type: 'network',
        Action: 'connect',
        Actor: { ID: 'net1', Attributes: { container: ID, name: 'bridge', type: 'bridge' } },
        time: 1709288001,
      },
      want: { action: 'connect', detail: 'bridge', container: ID, name: null },
    },
  ])('$name', async ({ record, text, want }) => {
    const result = await readText('events.ndjson', text ? `${text}\n` : jsonl(record));
    expect(result.format).toBe('docker-events');
    expect(result.stats.records).toBe(1);
    const [obs] = ofKind(result, 'lifecycle');
    expect(obs).toMatchObject({ container: ID, runtime: 'docker', ...want });
  });

  it.each([
    { name: 'broken JSON', line: '{"Type":"container","Action":', message: /not JSON/ },
    { name: 'no action', line: '{"Type":"container","Actor":{}}', message: /Action/ },
    {
      name: 'container without id',
      line: JSON.stringify({ Type: 'container', Action: 'start', Actor: {} }),
      message: /without an id/,
    },
    { name: 'not an object', line: '[1, 2]', message: /not a Docker event/ },
  ])('skips and locates $name', async ({ line, message }) => {
    const good = JSON.stringify(container('start', {}));
    const result = await readText('events.ndjson', `${good}\n${line}\n${good}\n`);
    expect(result.stats).toMatchObject({ records: 2, skipped: 1 });
    expect(result.stats.warnings[0]).toMatchObject({ line: 2 });
    expect(result.stats.warnings[0]?.message).toMatch(message);
  });

  it('dates nanosecond test times before 1973', async () => {
    const record = { ...container('start', {}), time: 1000000000, timeNano: 1000000000 };
    const [obs] = ofKind(await readText('golden.ndjson', jsonl(record)), 'lifecycle');
    expect(obs?.time).toBe('1970-01-01T00:00:01.000000000Z');
  });
});

describe('podman events', () => {
  const base = {
    ID,
    Image: 'docker.io/evidence/base:1.0',
    Name: 'evidence-fail',
    Time: '2026-12-03T15:41:45.402104709Z',
    Type: 'container',
    Attributes: { app: 'web' },
  };

  it.each([
    { status: 'died', extra: { ContainerExitCode: 3 }, want: { action: 'die', exitCode: 3 } },
    { status: 'died', extra: {}, want: { action: 'die', exitCode: null } },
    { status: 'remove', extra: {}, want: { action: 'destroy' } },
    { status: 'exec_died', extra: {}, want: { action: 'exec_die' } },
    { status: 'health_status', extra: { HealthStatus: 'sick' }, want: { detail: 'sick' } },
  ])('$status $extra', async ({ status, extra, want }) => {
    const result = await readText('podman.json', jsonl({ ...base, Status: status, ...extra }));
    expect(result.format).toBe('podman-events');
    const [obs] = ofKind(result, 'lifecycle');
    expect(obs).toMatchObject({
      runtime: 'podman',
      container: ID,
      name: 'evidence-fail',
      time: '2026-12-03T15:41:45.402104709Z',
      ...want,
    });
  });

  it('reads system and image events, and skips bad lines', async () => {
    const text =
      jsonl(
        { Status: 'refresh', Time: '2026-12-03T15:41:23.7Z', Type: 'system', Attributes: null },
        { Name: 'docker.io/x:1', Status: 'pull', Time: '2026-12-03T15:41:24Z', Type: 'image' },
        { Status: 'start', Time: '2026-12-03T15:41:25Z', Type: 'container' },
      ) + '{"Status":\n';
    const result = await readText('podman.json', text);
    expect(result.stats).toMatchObject({ records: 2, skipped: 2 });
    expect(result.stats.warnings.map((w) => w.line)).toEqual([3, 4]);
    expect(ofKind(result, 'lifecycle').map((o) => [o.action, o.image, o.notes])).toEqual([
      ['refresh', null, ['type:system']],
      ['pull', 'docker.io/x:1', ['type:image']],
    ]);
  });
});
