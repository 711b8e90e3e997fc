import type { Readable } from 'node:stream';
import type { Head } from '../../../evidence/open.js';
import type { LogObservation } from '../../../model/observation.js';
import type { Source } from '../../../model/source.js';
import { parseTime } from '../../../util/time.js';
import type { ReadContext } from '../../reader.js';
import { logObservation, MAX_MESSAGE_BYTES, TIMESTAMP } from './message.js';

/**
 * The Engine API's raw log stream for a container without a TTY
 * (`GET /containers/{id}/logs?stdout=1&stderr=1&timestamps=1`): frames of
 * an 8-byte header (stream type 0 stdin, 1 stdout, 2 stderr; three zero
 * bytes; payload length as a big-endian uint32) and the payload.
 * Example header: 01 00 00 00 00 00 40 1f (stdout, 16415 bytes).
 * https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerAttach
 * A line longer than 16 KiB spans frames; each continuation frame starts
 * with its own timestamp, removed when the line is joined.
 * NOTE: sources count lines of the demultiplexed text, since the raw
 * stream has no lines of its own.
 */
const HEADER = 8;
const STREAMS = ['stdin', 'stdout', 'stderr'] as const;
/** Far larger than any frame the daemon writes (16 KiB of log and a timestamp). */
const MAX_FRAME = 1024 * 1024;

export function frameHeaderAt(bytes: Buffer, at: number): number | null {
  if (bytes.length < at + HEADER) return null;
  if (bytes[at]! > 2 || bytes[at + 1] !== 0 || bytes[at + 2] !== 0 || bytes[at + 3] !== 0) {
    return null;
  }
  const size = bytes.readUInt32BE(at + 4);
  return size > 0 && size <= MAX_FRAME ? size : null;
}

/** A head that starts with a frame, followed by another frame or the end. */
export function looksMultiplexed(head: Head): boolean {
  const size = frameHeaderAt(head.bytes, 0);
  if (size === null) return false;
  const next = HEADER + size;
  return next >= head.bytes.length || frameHeaderAt(head.bytes, next) !== null;
}

export async function* multiplexedLogs(
  content: Readable,
  ctx: ReadContext,
): AsyncGenerator<LogObservation> {
  let buffer = Buffer.alloc(0);
  let offset = 0;
  let line = 0;
  // Per stream, the bytes of a line whose end is in a later frame.
  const open = new Map<string, Buffer>();
  const emit = (stream: string, bytes: Buffer): LogObservation => {
    ctx.record();
    line += 1;
    const text = bytes.toString('utf8').replace(/\r$/, '');
    return toLog(stream, text, { path: ctx.path, line });
  };
  for await (const chunk of content) {
    buffer = Buffer.concat([buffer, chunk as Buffer]);
    while (buffer.length >= HEADER) {
      const size = frameHeaderAt(buffer, 0);
      if (size === null) {
        ctx.skip(line + 1, `not a log frame header at byte ${offset}; the rest is unreadable`);
        return;
      }
      if (buffer.length < HEADER + size) break;
      const stream = STREAMS[buffer[0]!]!;
      let bytes = buffer.subarray(HEADER, HEADER + size);
      buffer = buffer.subarray(HEADER + size);
      offset += HEADER + size;
      const before = open.get(stream);
      if (before !== undefined) bytes = Buffer.concat([before, withoutTimestamp(bytes)]);
      open.delete(stream);
      let start = 0;
      for (let nl = bytes.indexOf(10); nl >= 0; nl = bytes.indexOf(10, start)) {
        yield emit(stream, bytes.subarray(start, nl));
        start = nl + 1;
      }
      const rest = bytes.subarray(start);
      if (rest.length >= MAX_MESSAGE_BYTES) yield emit(stream, rest);
      else if (rest.length > 0) open.set(stream, Buffer.from(rest));
    }
  }
  if (buffer.length > 0) ctx.skip(line + 1, `a frame cut short at byte ${offset}`);
  for (const [stream, bytes] of open) yield emit(stream, bytes);
}

/** A continuation frame's own timestamp, which the joined line does not repeat. */
function withoutTimestamp(bytes: Buffer): Buffer {
  const probe = bytes.subarray(0, 40).toString('latin1');
  const stamp = TIMESTAMP.exec(probe);
  return stamp && probe[stamp[0].length] === ' ' ? bytes.subarray(stamp[0].length + 1) : bytes;
}

function toLog(stream: string, text: string, source: Source): LogObservation {
  const stamp = TIMESTAMP.exec(text);
  const message = stamp ? text.slice(stamp[0].length + 1) : text;
  const time = stamp ? parseTime(stamp[0]) : null;
  return logObservation({ time, container: null, stream, message }, source);
}
