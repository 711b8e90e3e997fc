import type { Readable } from 'node:stream';
import type { Head } from '../../../evidence/open.js';
import { lineBatches } from '../../../evidence/lines.js';
import { describe } from '../../../util/errors.js';
import type { ReadContext } from '../../reader.js';
import { jsonDocumentRecords, jsonLines, type JsonRecord } from '../../shared/json-records.js';
import { sniffJson } from './sniff.js';

/**
 * The records of an export that comes either as JSON lines or as one
 * document: `docker inspect` prints an array, `docker inspect --format
 * '{{json .}}'` one object a line; the stats endpoint gives one object or a
 * stream of them. Callers count the records they accept.
 */
export async function* jsonRecords(
  content: Readable,
  ctx: ReadContext,
  head: Head,
): AsyncGenerator<JsonRecord> {
  const lines = sniffJson(head)?.shape === 'lines';
  yield* lines ? jsonLines(content, ctx) : jsonDocumentRecords(content, []);
}

/** A JSON line with its text, for fields JSON numbers cannot hold exactly. */
export interface RawJsonRecord extends JsonRecord {
  text: string;
}

/**
 * JSON lines with their raw text. `timeNano` (1709288005000000001) is
 * beyond a double's 53 bits, so its digits are read from the text.
 * A line that is not JSON is skipped, counted and located; blank lines are
 * not records.
 */
export async function* rawJsonLines(
  content: Readable,
  ctx: ReadContext,
): AsyncGenerator<RawJsonRecord> {
  const onOverlong = (line: number): void =>
    ctx.skip(line, 'line too long to be a record; skipped');
  for await (const { first, lines } of lineBatches(content, { onOverlong })) {
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        ctx.skip(first + i, `not JSON: ${describe(error)}`);
        continue;
      }
      yield { value, line: first + i, text };
    }
  }
}
