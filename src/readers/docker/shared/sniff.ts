import type { Head } from '../../../evidence/open.js';
import { jsonShape } from '../../../evidence/json-document.js';
import { obj } from '../../../util/text.js';

/**
 * What the head of a JSON export looks like, enough to tell Docker's and
 * Podman's formats apart by their keys:
 * - `lines`: JSON lines; `sample` is the first line that parses as an object;
 * - `document`: a document; `keys` are the root object's keys, or those of
 *   the root array's first element, found by a scan that needs no complete
 *   document (a `docker inspect` of many containers outgrows the head).
 */
export type JsonHead =
  | { shape: 'lines'; sample: Record<string, unknown> }
  | { shape: 'document'; root: 'object' | 'array'; keys: Set<string> };

/** How many leading lines sniffing looks at for one that parses. */
const SAMPLE_LINES = 8;

export function sniffJson(head: Head): JsonHead | null {
  const shape = jsonShape(head.text);
  if (shape === null) return null;
  if (shape.shape === 'lines') {
    const sample = obj(shape.first);
    return sample ? { shape: 'lines', sample } : null;
  }
  const text = head.text!.trimStart();
  if (shape.root === 'object' && !/^\{\s*\n/.test(text)) {
    // `{` followed by more on the same line: JSON lines whose first line is
    // broken (a truncated write); sniff the lines after it.
    const sample = firstObjectLine(text);
    if (sample) return { shape: 'lines', sample };
  }
  return { shape: 'document', root: shape.root, keys: leadingKeys(text) };
}

/** True when `head` is JSON lines whose first object has every key given. */
export function linesWith(head: JsonHead | null, ...keys: string[]): boolean {
  return head?.shape === 'lines' && keys.every((k) => k in head.sample);
}

/** True when `head` is a document whose first object has every key given. */
export function documentWith(head: JsonHead | null, ...keys: string[]): boolean {
  return head?.shape === 'document' && keys.every((k) => head.keys.has(k));
}

function firstObjectLine(text: string): Record<string, unknown> | null {
  const lines = text.split('\n', SAMPLE_LINES + 1).slice(0, SAMPLE_LINES);
  for (const line of lines) {
    try {
      const value = obj(JSON.parse(line));
      if (value) return value;
    } catch {
      // A broken or partial line: try the next one.
    }
  }
  return null;
}

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * Keys of the first object of a JSON text: the root object, or the first
 * element of a root array. Stops where that object ends or the text does.
 * Example: `[{"Id": "4e4a…", "State": {"Status": …` gives {"Id", "State"}.
 */
export function leadingKeys(text: string): Set<string> {
  const keys = new Set<string>();
  const start = text.search(/[{[]/);
  if (start < 0) return keys;
  const keyDepth = text[start] === '[' ? 2 : 1;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) break;
      if (depth === keyDepth && /^\s*:/.test(text.slice(end + 1, end + 16))) {
        keys.add(text.slice(i + 1, end));
      }
      i = end;
    } else if (c === 123 || c === 91) {
      depth++;
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth < keyDepth) break;
    }
  }
  return keys;
}

function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return -1;
}

/** The first non-blank lines of a text head (at most `count`). */
export function firstLines(head: Head, count: number): string[] {
  if (head.text === null) return [];
  const lines: string[] = [];
  for (const raw of head.text.split('\n', count * 4)) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    lines.push(line);
    if (lines.length === count) break;
  }
  return lines;
}

/** Keys of the first object, whether the export is JSON lines or a document. */
export function headKeys(head: JsonHead | null): Set<string> {
  if (head === null) return new Set();
  return head.shape === 'lines' ? new Set(Object.keys(head.sample)) : head.keys;
}
