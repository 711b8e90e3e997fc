import type { Readable } from 'node:stream';
import type { Head } from '../../../evidence/open.js';
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
