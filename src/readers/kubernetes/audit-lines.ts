import type { Readable } from 'node:stream';
import { lineBatches } from '../../evidence/lines.js';
import { describe } from '../../util/errors.js';
import type { ReadContext } from '../reader.js';

/**
 * The lines of an audit log as JSON values. Besides plain JSON lines, a line
 * may carry a time before its JSON: CloudWatch Logs export tasks (how EKS
 * control-plane logs reach S3) write each event as `<ISO time> <message>`.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/S3Export.html
 * Example: `2024-03-01T10:20:00.140Z {"kind":"Event","auditID":"55ff…",…}`.
 */
export interface AuditLine {
  value: unknown;
  line: number;
  /** The time written before the JSON, if any. */
  stamp: string | null;
}

/** A time and one space before a JSON object; the time as CloudWatch writes it. */
const STAMPED = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)) (?=\{)/;

/** The time before the JSON of a stamped line, and where the JSON starts; null when unstamped. */
export function stampOf(text: string): { stamp: string; json: number } | null {
  const c = text.charCodeAt(0);
  if (c < 48 || c > 57) return null;
  const match = STAMPED.exec(text);
  return match === null ? null : { stamp: match[1]!, json: match[0].length };
}

/** Lines a batch at a time; a line that is not JSON is skipped, counted and located. */
export async function* auditLineBatches(
  content: Readable,
  ctx: ReadContext,
): AsyncGenerator<AuditLine[]> {
  const onOverlong = (line: number): void =>
    ctx.skip(line, 'line too long to be a record; skipped');
  for await (const { lines, first } of lineBatches(content, { onOverlong })) {
    const out: AuditLine[] = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!;
      if (text.length === 0 || (text.charCodeAt(0) !== 123 && text.trim() === '')) continue;
      const stamped = stampOf(text);
      try {
        const json = stamped === null ? text : text.slice(stamped.json);
        out.push({
          value: JSON.parse(json) as unknown,
          line: first + i,
          stamp: stamped?.stamp ?? null,
        });
      } catch (error) {
        ctx.skip(first + i, `not JSON: ${describe(error)}`);
      }
    }
    if (out.length > 0) yield out;
  }
}
