import type { Readable } from 'node:stream';
import type { Head } from '../../../evidence/open.js';
import type { LogObservation } from '../../../model/observation.js';
import { obj, str } from '../../../util/text.js';
import { parseTime, type Instant } from '../../../util/time.js';
import type { ReadContext } from '../../reader.js';
import { jsonLines } from '../../shared/json-records.js';
import { containerFromFileName, logObservation, MAX_MESSAGE_BYTES } from './message.js';

/**
 * The json-file logging driver's records, one a line:
 * {"log":"Fetching dependencies...\n","stream":"stdout","time":"2016-03-02T22:59:04.609292428Z"}
 * A message over 16 KiB is written as several records; all but the last
 * lack the final "\n", and are joined here with the rest of their stream.
 * https://docs.docker.com/engine/logging/drivers/json-file/
 */
interface Pending {
  line: number;
  time: Instant | null;
  text: string;
}

export async function* jsonFileLogs(
  content: Readable,
  ctx: ReadContext,
  head: Head,
): AsyncGenerator<LogObservation> {
  const container = containerFromFileName(head.name);
  const partial = new Map<string, Pending>();
  const emit = (p: Pending, stream: string): LogObservation =>
    logObservation(
      { time: p.time, container, stream: stream === '' ? null : stream, message: chomp(p.text) },
      { path: ctx.path, line: p.line },
    );
  for await (const { value, line } of jsonLines(content, ctx)) {
    const record = obj(value);
    const log = record?.log;
    if (!record || typeof log !== 'string') {
      ctx.skip(line, 'not a json-file log record (no "log" string)');
      continue;
    }
    ctx.record();
    const stream = str(record.stream) ?? '';
    const open = partial.get(stream) ?? { line, time: parseTime(record.time), text: '' };
    open.text += log;
    if (!log.endsWith('\n') && open.text.length < MAX_MESSAGE_BYTES) {
      partial.set(stream, open);
      continue;
    }
    partial.delete(stream);
    yield emit(open, stream);
  }
  for (const [stream, open] of partial) yield emit(open, stream);
}

function chomp(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
