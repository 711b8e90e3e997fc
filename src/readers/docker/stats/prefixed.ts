import type { Readable } from 'node:stream';
import type { Head } from '../../../evidence/open.js';
import { lineBatches } from '../../../evidence/lines.js';
import { describe } from '../../../util/errors.js';
import { parseTime, type Instant } from '../../../util/time.js';
import type { ReadContext } from '../../reader.js';
import { firstLines } from '../shared/sniff.js';

/**
 * `docker stats --no-stream` prints no time, so a collector loop writes one
 * before each sample: "2026-12-03T15:51:34.004Z {"CPUPerc":"0.02%",…}", or
 * before each `podman stats --format json` array: "2026-12-03T15:51:35.067Z [{…}]".
 * The same lines without the prefix are undated samples.
 */
const PREFIXED = /^(\d{4}-\d\d-\d\dT\S+)\s+([[{].*)$/;

export interface StatsLine {
  line: number;
  time: Instant | null;
  value: unknown;
}

/** Splits an optional time prefix from a line's JSON. */
function split(text: string): { time: Instant | null; json: string } {
  const m = PREFIXED.exec(text);
  if (!m) return { time: null, json: text };
  return { time: parseTime(m[1]), json: m[2]! };
}

/**
 * The parsed JSON of the first few lines, when each has a time prefix;
 * a line whose JSON is broken is left out, so one bad line does not hide
 * the format.
 */
export function prefixedSamples(head: Head, count = 5): unknown[] | null {
  const lines = firstLines(head, count);
  const values: unknown[] = [];
  for (const text of lines) {
    const m = PREFIXED.exec(text);
    if (!m || parseTime(m[1]) === null) return null;
    try {
      values.push(JSON.parse(m[2]!));
    } catch {
      // Judged by the other lines.
    }
  }
  return values.length > 0 ? values : null;
}

/**
 * Lines of JSON, each perhaps prefixed with a time. A line whose JSON does
 * not parse is skipped, counted and located.
 */
export async function* statsLines(content: Readable, ctx: ReadContext): AsyncGenerator<StatsLine> {
  const onOverlong = (line: number): void =>
    ctx.skip(line, 'line too long to be a record; skipped');
  for await (const { first, lines } of lineBatches(content, { onOverlong })) {
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!;
      if (text.trim() === '') continue;
      const { time, json } = split(text);
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch (error) {
        ctx.skip(first + i, `not JSON: ${describe(error)}`);
        continue;
      }
      yield { line: first + i, time, value };
    }
  }
}
