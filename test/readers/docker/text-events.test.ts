import { describe, expect, it } from 'vitest';
import { parseTextEvent } from '../../../src/readers/docker/events/text-line.js';
import { ofKind, readText } from './helpers.js';

const ID = 'c454e929116105339869ef8332d720a96b0f692c2475684ac563bf4c5f3acde9';

describe('parseTextEvent', () => {
  it.each([
    {
      line: `2024-03-01T10:13:21.120000001Z container create ${ID} (image=web:2, name=web-1)`,
      want: { type: 'container', action: 'create', id: ID, attributes: { image: 'web:2' } },
    },
    {
      line: `2024-03-01T10:13:25.5Z container exec_start: sh -c id ${ID} (execID=9f, name=w)`,
      want: { action: 'exec_start: sh -c id', id: ID, attributes: { execID: '9f', name: 'w' } },
    },
    {
      line: `2024-03-01T10:13:25Z container exec_create: sh -c (ls) ${ID} (name=w)`,
      want: { action: 'exec_create: sh -c (ls)', id: ID, attributes: { name: 'w' } },
    },
    {
      line: '2024-03-01T10:13:25Z image pull nginx:1.25 (name=nginx)',
      want: { type: 'image', action: 'pull', id: 'nginx:1.25', attributes: { name: 'nginx' } },
    },
    {
      line: '2024-03-01T11:13:25+01:00 volume create data',
      want: { type: 'volume', action: 'create', id: 'data', attributes: {} },
    },
    {
      line: `2024-03-01T10:13:25Z container die ${ID} (a=x, y, exitCode=137)`,
      want: { attributes: { a: 'x, y', exitCode: '137' } },
    },
  ])('$line', ({ line, want }) => {
    expect(parseTextEvent(line)?.event).toMatchObject(want);
  });

  it.each(['not an event', '2024-03-01 10:13:25 container start x', '2024-03-01T10:13:25Z'])(
    'rejects %j',
    (line) => {
      expect(parseTextEvent(line)).toBeNull();
    },
  );
});

describe('docker events text', () => {
  const lines = [
    `2024-03-01T10:13:21.120000001Z container create ${ID} (image=web:2, name=web-1)`,
    `2024-03-01T10:13:21.180000002Z network connect 3d13 (container=${ID}, name=bridge)`,
    `2024-03-01T10:13:25.000000001Z container exec_start: /bin/sh -c id ${ID} (name=web-1)`,
    `2024-03-01T10:13:50Z container health_status: healthy ${ID} (name=web-1)`,
    `2024-03-01T10:14:20.999999999Z container kill ${ID} (name=web-1, signal=9)`,
    `2024-03-01T11:14:21.000000005+01:00 container die ${ID} (exitCode=137, name=web-1)`,
    '2024-03-01T10:15:00Z image load sha256:cda5 (name=evil/miner:1)',
    '2024-03-01T10:16:00Z daemon reload 7TQW:ABCD (name=host-1)',
  ];

  it('reads every line as a lifecycle observation', async () => {
    const result = await readText('events.txt', lines.join('\n') + '\n');
    expect(result.format).toBe('docker-events-text');
    expect(result.stats).toMatchObject({ records: 8, skipped: 0 });
    const got = ofKind(result, 'lifecycle').map((o) => [
      o.action,
      o.detail,
      o.exitCode,
      o.container === ID,
      o.time,
    ]);
    expect(got).toEqual([
      ['create', null, null, true, '2024-03-01T10:13:21.120000001Z'],
      ['connect', 'bridge', null, true, '2024-03-01T10:13:21.180000002Z'],
      ['exec_start', '/bin/sh -c id', null, true, '2024-03-01T10:13:25.000000001Z'],
      ['health_status', 'healthy', null, true, '2024-03-01T10:13:50Z'],
      ['kill', 'signal 9', null, true, '2024-03-01T10:14:20.999999999Z'],
      ['die', null, 137, true, '2024-03-01T10:14:21.000000005Z'],
      ['load', null, null, false, '2024-03-01T10:15:00Z'],
      ['reload', 'host-1', null, false, '2024-03-01T10:16:00Z'],
    ]);
    expect(ofKind(result, 'lifecycle')[6]).toMatchObject({ image: 'evil/miner:1' });
  });

  it.each([
    { name: 'a line of other text', bad: 'docker: command not found' },
    { name: 'a container event without an ID', bad: '2024-03-01T10:13:25Z container start' },
  ])('skips and locates $name', async ({ bad }) => {
    const text = [...lines.slice(0, 5), bad, lines[5]].join('\n');
    const result = await readText('events.txt', text);
    expect(result.format).toBe('docker-events-text');
    expect(result.stats).toMatchObject({ records: 6, skipped: 1 });
    expect(result.stats.warnings[0]).toMatchObject({ line: 6 });
  });

  it('leaves podman text events to a recognizer that says how to re-export', async () => {
    const text =
      '2026-12-03 15:41:24.909999552 +0000 UTC container create c3b8 (image=x, name=y)\n';
    const result = await readText('events.txt', text);
    expect(result.format).toBe('unknown');
    expect(result.skip).toMatch(/--format json/);
  });
});
