import type { LogObservation } from '../../../model/observation.js';
import type { Source } from '../../../model/source.js';
import type { Instant } from '../../../util/time.js';

/**
 * The timestamp `docker logs -t`, `podman logs -t` and `kubectl logs
 * --timestamps` put before each line, RFC 3339 with up to nine fractional
 * digits, then one space. Example: "2026-12-03T15:42:06.118022935Z ".
 */
export const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)(?= |$)/;

/**
 * The daemon cuts a log message into parts of 16 KiB and the CLI writes
 * each part with its own timestamp, so a long line reads
 * "<ts> <16384 bytes><ts> <rest>". https://github.com/moby/moby/blob/master/daemon/logger/copier.go
 */
export const PART_BYTES = 16 * 1024;

/** A joined message is cut here, so that a stream of parts cannot exhaust memory. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Removes the timestamps the CLI wrote inside a message at each 16 KiB
 * boundary. Example: "aaa…(16384 bytes)2024-03-27T08:30:35.495801942Z a" gives 16385 a's.
 */
export function rejoinParts(message: string): string {
  if (message.length * 3 <= PART_BYTES) return message;
  const bytes = Buffer.from(message, 'utf8');
  const parts: Buffer[] = [];
  let start = 0;
  for (let cut = PART_BYTES; cut < bytes.length; cut = start + PART_BYTES) {
    const probe = bytes.subarray(cut, cut + 40).toString('latin1');
    const m = TIMESTAMP.exec(probe);
    if (!m || probe[m[0].length] !== ' ') break;
    parts.push(bytes.subarray(start, cut));
    start = cut + m[0].length + 1;
  }
  if (parts.length === 0) return message;
  parts.push(bytes.subarray(start));
  return Buffer.concat(parts).toString('utf8');
}

export interface LogFields {
  time: Instant | null;
  container: string | null;
  stream: string | null;
  message: string;
}

export function logObservation(fields: LogFields, source: Source): LogObservation {
  return {
    kind: 'log',
    time: fields.time?.iso ?? null,
    ts: fields.time?.ms ?? null,
    source,
    container: fields.container,
    name: null,
    stream: fields.stream,
    message: fields.message,
  };
}

/**
 * The container a log file belongs to, when its name says so for certain:
 * the json-file driver writes /var/lib/docker/containers/<id>/<id>-json.log
 * (rotated as <id>-json.log.1).
 * NOTE: any other name (logs_web.txt, what `docker logs` was redirected
 * to) names no container we can trust, so those logs stay unattributed.
 */
export function containerFromFileName(name: string): string | null {
  const m = /^([0-9a-f]{64})-json\.log(?:\.\d+)?(?:\.gz)?$/.exec(name);
  return m ? m[1]! : null;
}
