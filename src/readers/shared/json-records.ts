import type { Readable } from 'node:stream';
import { lineBatches } from '../../evidence/lines.js';
import { lineOf, readJsonDocument } from '../../evidence/json-document.js';
import { describe } from '../../util/errors.js';
import type { ReadContext } from '../reader.js';

/** One JSON record and the line it starts on. */
export interface JsonRecord {
  value: unknown;
  line: number;
  /**
   * The line as written, for JSON lines: some fields hold more digits than
   * a JSON number keeps (Docker's `timeNano`). Absent for documents.
   */
  text?: string;
}

/**
 * Yields JSON lines one by one; a line that is not JSON is skipped, counted
 * and located. Blank lines are not records.
 */
export async function* jsonLines(content: Readable, ctx: ReadContext): AsyncGenerator<JsonRecord> {
  for await (const batch of jsonLineBatches(content, ctx)) yield* batch;
}

/**
 * The same records a chunk at a time, for readers on hot paths: looping
 * over a batch costs nothing, while every await of a record costs a turn of
 * the event loop.
 */
export async function* jsonLineBatches(
  content: Readable,
  ctx: ReadContext,
): AsyncGenerator<JsonRecord[]> {
  const onOverlong = (line: number): void =>
    ctx.skip(line, 'line too long to be a record; skipped');
  for await (const { lines, first } of lineBatches(content, { onOverlong })) {
    const records: JsonRecord[] = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!;
      if (text.length === 0 || isBlank(text)) continue;
      try {
        records.push({ value: JSON.parse(text) as unknown, line: first + i, text });
      } catch (error) {
        ctx.skip(first + i, `not JSON: ${describe(error)}`);
      }
    }
    if (records.length > 0) yield records;
  }
}

function isBlank(text: string): boolean {
  const c = text.charCodeAt(0);
  // A record starts with `{` or `[`; only other lines need the full check.
  return c !== 123 && c !== 91 && text.trim().length === 0;
}

/**
 * Yields the records of a JSON document: the elements of a root array, the
 * elements of `arrayKey` in a root object that holds one (a List's `items`),
 * or the root object itself. A document that is not JSON throws, and the
 * reader's caller reports it.
 */
export async function* jsonDocumentRecords(
  content: Readable,
  arrayKeys: readonly string[] = ['items'],
): AsyncGenerator<JsonRecord> {
  const doc = await readJsonDocument(content);
  const root = doc.value;
  if (Array.isArray(root)) {
    for (let i = 0; i < root.length; i++) yield { value: root[i], line: lineOf(doc, '', i) };
    return;
  }
  const key = arrayKeys.find((k) => Array.isArray((root as Record<string, unknown> | null)?.[k]));
  if (key === undefined) {
    yield { value: root, line: 1 };
    return;
  }
  const list = (root as Record<string, unknown[]>)[key]!;
  for (let i = 0; i < list.length; i++) yield { value: list[i], line: lineOf(doc, key, i) };
}
