import type { Readable } from 'node:stream';
import type { Head } from '../../../evidence/open.js';
import { lineBatches } from '../../../evidence/lines.js';
import type { LogObservation } from '../../../model/observation.js';
import { parseTime, type Instant } from '../../../util/time.js';
import type { ReadContext } from '../../reader.js';
import { firstLines } from '../shared/sniff.js';
import { logObservation, MAX_MESSAGE_BYTES, rejoinParts, TIMESTAMP } from './message.js';

/**
 * Timestamped log lines:
 * - `docker logs -t`, `podman logs -t`, `kubectl logs --timestamps`:
 *   "2026-12-03T15:42:06.118022935Z xmrig stand-in …"
 * - the CRI format the kubelet keeps under /var/log/pods, which adds the
 *   stream and a full/partial tag: "2026-12-03T15:42:06.118Z stdout F message".
 *   https://github.com/kubernetes/design-proposals-archive/blob/main/node/kubelet-cri-logging.md
 * A line without a timestamp cannot be either: it is skipped and located.
 */
const CRI_TAIL = /^ (stdout|stderr) ([FP]) ?(.*)$/s;

/**
 * True when the first line and most of the next few start with a log
 * timestamp (one bad line must not hide the format).
 */
export function looksLikeTextLogs(head: Head): boolean {
  const lines = firstLines(head, 5);
  const stamped = lines.filter((line) => TIMESTAMP.test(line)).length;
  return lines.length > 0 && TIMESTAMP.test(lines[0]!) && stamped * 2 > lines.length;
}

function isCri(head: Head): boolean {
  const lines = firstLines(head, 5);
  return lines.length > 0 && lines.every((l) => CRI_TAIL.test(l.replace(TIMESTAMP, '')));
}

interface Pending {
  line: number;
  time: Instant | null;
  parts: string[];
  size: number;
}

interface Parsed {
  time: Instant | null;
  /** CRI only: the stream, and whether the line continues ("P"). */
  stream: string | null;
  partial: boolean;
  message: string;
}

function parseLine(text: string, cri: boolean): Parsed | null {
  const stamp = TIMESTAMP.exec(text);
  if (!stamp) return null;
  const time = parseTime(stamp[0]);
  const rest = text.slice(stamp[0].length);
  const tail = cri ? CRI_TAIL.exec(rest) : null;
  if (!tail) return { time, stream: null, partial: false, message: rejoinParts(rest.slice(1)) };
  return { time, stream: tail[1]!, partial: tail[2] === 'P', message: tail[3]! };
}

export async function* textLogs(
  content: Readable,
  ctx: ReadContext,
  head: Head,
): AsyncGenerator<LogObservation> {
  const cri = isCri(head);
  const open = new Map<string, Pending>();
  const emit = (p: Pending, stream: string | null): LogObservation =>
    logObservation(
      { time: p.time, container: null, stream, message: p.parts.join('') },
      { path: ctx.path, line: p.line },
    );
  const onOverlong = (line: number): void => ctx.skip(line, 'log line too long; skipped');
  for await (const { first, lines } of lineBatches(content, { onOverlong })) {
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.trim() === '') continue;
      const line = first + i;
      const parsed = parseLine(lines[i]!, cri);
      if (parsed === null) {
        ctx.skip(line, 'log line without a timestamp');
        continue;
      }
      ctx.record();
      // CRI: a "P" line continues on the next line of the same stream.
      const key = parsed.stream ?? '';
      const pending = open.get(key) ?? { line, time: parsed.time, parts: [], size: 0 };
      pending.parts.push(parsed.message);
      pending.size += parsed.message.length;
      if (parsed.partial && pending.size < MAX_MESSAGE_BYTES) {
        open.set(key, pending);
        continue;
      }
      open.delete(key);
      yield emit(pending, parsed.stream);
    }
  }
  for (const [stream, pending] of open) yield emit(pending, stream);
}
