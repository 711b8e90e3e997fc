import type { Readable } from 'node:stream';
import { MAX_DOCUMENT_BYTES, scanElementLines } from '../../evidence/json-document.js';
import { describe } from '../../util/errors.js';
import type { ReadContext } from '../reader.js';
import type { Place } from './kube-objects.js';
import { readText } from './read-text.js';

/**
 * The JSON values of a kubectl export with the place of each: one document
 * (`kubectl get -o json`), or several pretty-printed documents one after
 * another, as `kubectl get pods -w -o json` prints a watch.
 * Example of the second: "{\n  \"kind\": \"Pod\", …\n}\n{\n  \"kind\": \"Pod\", …\n}\n".
 */
export interface JsonValue {
  value: unknown;
  place: Place;
}

export async function* jsonValues(content: Readable, ctx: ReadContext): AsyncGenerator<JsonValue> {
  const text = await readText(content, MAX_DOCUMENT_BYTES, 'export it as JSON lines instead');
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    yield* concatenated(text, ctx);
    return;
  }
  yield { value: whole, place: placeOf(text, 1) };
}

/** Lines of a document's list elements, counted from the line it starts on. */
function placeOf(text: string, line: number): Place {
  const lines = scanElementLines(text);
  const key = text.trimStart().startsWith('[') ? '' : 'items';
  return { line, itemLine: (i) => line - 1 + (lines.get(key)?.[i] ?? 1) };
}

function* concatenated(text: string, ctx: ReadContext): Generator<JsonValue> {
  for (const part of topLevelParts(text)) {
    let value: unknown;
    try {
      value = JSON.parse(part.text);
    } catch (error) {
      ctx.skip(part.line, `not JSON: ${describe(error)}`);
      continue;
    }
    yield { value, place: placeOf(part.text, part.line) };
  }
}

interface Part {
  text: string;
  line: number;
}

/**
 * Splits text into its top-level `{…}` and `[…]` values by tracking strings
 * and nesting; text between values that is not blank becomes a part of its
 * own, so that it is reported rather than lost.
 */
export function* topLevelParts(text: string): Generator<Part> {
  let depth = 0;
  let start = -1;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (start < 0 && !isSpace(c)) {
      start = i;
      startLine = line;
    }
    if (c === 34) {
      const end = skipString(text, i);
      line += newlines(text, i, end);
      i = end;
    } else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && depth > 0 && --depth === 0) {
      yield { text: text.slice(start, i + 1), line: startLine };
      start = -1;
    } else if (depth === 0 && c === 10 && start >= 0) {
      yield { text: text.slice(start, i), line: startLine };
      start = -1;
    }
  }
  if (start >= 0) yield { text: text.slice(start), line: startLine };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Raw newlines are not valid inside a JSON string, but hostile input has them. */
function newlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** The index of the closing quote of the string opening at `start` (or the end). */
function skipString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return text.length;
}
