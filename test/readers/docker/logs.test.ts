import { describe, expect, it } from 'vitest';
import { containerFromFileName, rejoinParts } from '../../../src/readers/docker/logs/message.js';
import { jsonl, ofKind, readText } from './helpers.js';

const TS = '2024-03-27T08:30:35.495801942Z';
const ID = '1f6b79d2aff23244382026c76f4995851322bed5f9c50631620162f6f9aafbd6';

/** One frame of the Engine API's multiplexed stream. */
function frame(stream: number, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('timestamped text logs', () => {
  it.each([
    {
      name: 'docker logs -t',
      text: '2026-12-03T15:51:48Z flaky: starting\n2026-12-03T15:51:50Z flaky: fatal error\n',
      want: [
        { time: '2026-12-03T15:51:48Z', stream: null, message: 'flaky: starting' },
        { time: '2026-12-03T15:51:50Z', stream: null, message: 'flaky: fatal error' },
      ],
    },
    {
      name: 'an empty message and CRLF',
      text: '2026-12-03T15:42:06.118022935Z \r\n2026-12-03T15:42:07+02:00 x\r\n',
      want: [
        { time: '2026-12-03T15:42:06.118022935Z', message: '' },
        { time: '2026-12-03T13:42:07Z', message: 'x' },
      ],
    },
    {
      name: 'CRI files, with a partial line joined',
      text:
        '2026-12-03T15:42:06.1Z stdout P first half, \n' +
        '2026-12-03T15:42:06.2Z stderr F oops\n' +
        '2026-12-03T15:42:06.3Z stdout F second half\n',
      want: [
        { time: '2026-12-03T15:42:06.2Z', stream: 'stderr', message: 'oops' },
        { time: '2026-12-03T15:42:06.1Z', stream: 'stdout', message: 'first half, second half' },
      ],
    },
  ])('$name', async ({ text, want }) => {
    const result = await readText('app.log', text);
    expect(result.format).toBe('container-logs');
    const logs = ofKind(result, 'log').map(({ time, stream, message }) => ({
      time,
      stream,
      message,
    }));
    expect(logs).toEqual(want.map((w) => ({ stream: null, ...w })));
  });

  it.each([
    { stamp: '2024-03-01T10:00:00Z', time: '2024-03-01T10:00:00Z' },
    { stamp: '2024-03-01T10:00:00.1Z', time: '2024-03-01T10:00:00.1Z' },
    { stamp: '2024-03-01T10:00:00.123Z', time: '2024-03-01T10:00:00.123Z' },
    { stamp: '2024-03-01T10:00:00.123456789Z', time: '2024-03-01T10:00:00.123456789Z' },
    { stamp: '2024-03-01T12:00:00.5+02:00', time: '2024-03-01T10:00:00.5Z' },
    { stamp: '2024-03-01T04:30:00-05:30', time: '2024-03-01T10:00:00Z' },
    { stamp: '2024-03-01T00:30:00.000000001-09:30', time: '2024-03-01T10:00:00.000000001Z' },
  ])('kubectl logs --timestamps: $stamp', async ({ stamp, time }) => {
    const result = await readText('pod.log', `${stamp} GET /healthz 200\n${stamp} done\n`);
    expect(result.format).toBe('container-logs');
    const [first] = ofKind(result, 'log');
    expect(first).toMatchObject({ time, message: 'GET /healthz 200', container: null });
  });

  it('joins a 16 KiB TTY line the CLI wrote with a second timestamp', async () => {
    const a = 'a'.repeat(16 * 1024);
    const result = await readText('tty.log', `${TS} ${a}${TS} tail\n${TS} next\n`);
    expect(ofKind(result, 'log').map((l) => l.message.length)).toEqual([a.length + 4, 4]);
  });

  it('skips and locates a line without a timestamp', async () => {
    const result = await readText('app.log', `${TS} a\n${TS} b\nno stamp here\n${TS} c\n`);
    expect(result.stats).toMatchObject({ records: 3, skipped: 1 });
    expect(result.stats.warnings[0]).toMatchObject({ line: 3 });
  });

  it('joins a line the daemon cut at 16 KiB (TTY output)', () => {
    const a = 'a'.repeat(16 * 1024);
    expect(rejoinParts(`${a}${TS} tail`)).toBe(`${a}tail`);
    expect(rejoinParts(`${a}not a stamp`)).toBe(`${a}not a stamp`);
  });
});

describe('json-file driver records', () => {
  it('reads records, joins partial ones, and skips a corrupted one', async () => {
    const text =
      jsonl(
        { log: 'hello\n', stream: 'stdout', time: '2016-03-02T22:58:51.338462311Z' },
        { log: 'part one, ', stream: 'stderr', time: '2016-03-02T22:58:52Z' },
      ) +
      '"log":"lost opening brace\\n","stream":"stdout","time":"2016-03-02T22:58:53Z"}\n' +
      jsonl({ log: 'part two\r\n', stream: 'stderr', time: '2016-03-02T22:58:52.5Z' });
    const result = await readText(`${ID}-json.log`, text);
    expect(result.format).toBe('container-logs');
    expect(result.stats).toMatchObject({ records: 3, skipped: 1 });
    expect(result.stats.warnings[0]).toMatchObject({ line: 3 });
    const logs = ofKind(result, 'log');
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatchObject({ container: ID, stream: 'stdout', message: 'hello' });
    expect(logs[0]?.source.line).toBe(1);
    expect(logs[1]).toMatchObject({
      stream: 'stderr',
      message: 'part one, part two',
      time: '2016-03-02T22:58:52Z',
      source: { line: 2 },
    });
  });

  it.each([
    { name: `${ID}-json.log`, want: ID },
    { name: `${ID}-json.log.3`, want: ID },
    { name: 'logs_web.txt', want: null },
    { name: `${ID.slice(0, 12)}-json.log`, want: null },
  ])('container from the file name $name', ({ name, want }) => {
    expect(containerFromFileName(name)).toBe(want);
  });
});

describe('multiplexed API streams', () => {
  it('reads both streams and joins a line split across frames', async () => {
    const long = 'a'.repeat(16 * 1024);
    const bytes = Buffer.concat([
      frame(1, `${TS} ${long}`),
      frame(2, `${TS} error line\n`),
      frame(1, `${TS} a\n${TS} next\n`),
    ]);
    const result = await readText('api.log', bytes);
    expect(result.format).toBe('container-logs');
    const logs = ofKind(result, 'log');
    expect(logs.map((l) => [l.stream, l.message.length, l.time])).toEqual([
      ['stderr', 'error line'.length, TS],
      ['stdout', long.length + 1, TS],
      ['stdout', 'next'.length, TS],
    ]);
    expect(result.stats.records).toBe(3);
  });

  it('keeps a UTF-8 character split between frames whole', async () => {
    const text = Buffer.from('caf\u00e9 ok\n');
    const bytes = Buffer.concat([frame(1, text.subarray(0, 4)), frame(1, text.subarray(4))]);
    const result = await readText('api.log', bytes);
    expect(ofKind(result, 'log').map((l) => l.message)).toEqual(['caf\u00e9 ok']);
  });

  it.each([
    {
      name: 'a corrupt header',
      tail: Buffer.from([9, 9, 9, 9, 0, 0, 0, 1, 65]),
      message: /not a log frame header/,
    },
    { name: 'a frame cut short', tail: frame(1, 'cut\n').subarray(0, 10), message: /cut short/ },
  ])('stops at $name with a located skip', async ({ tail, message }) => {
    const bytes = Buffer.concat([frame(1, 'one\n'), frame(2, 'two\n'), tail]);
    const result = await readText('api.log', bytes);
    expect(ofKind(result, 'log').map((l) => l.message)).toEqual(['one', 'two']);
    expect(result.stats.skipped).toBe(1);
    expect(result.stats.warnings[0]).toMatchObject({ line: 3 });
    expect(result.stats.warnings[0]?.message).toMatch(message);
  });
});
