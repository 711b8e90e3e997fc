import type { Head } from '../../evidence/open.js';
import { jsonShape } from '../../evidence/json-document.js';
import { obj } from '../../util/text.js';

/** How a JSON input holds its records, and the first record, for sniffing. */
export interface FirstRecord {
  shape: 'lines' | 'array' | 'object';
  first: Record<string, unknown>;
}

/**
 * The first record of a JSON input: the first line of JSON lines, the
 * first element of an array document, or a root object. A document too
 * big for the head still gives its first element, cut out by a scan that
 * tracks strings and nesting, when that element fits in the head.
 * Example: '[{"Id":"f72c…","RepoTags":[…]}, …' -> { shape: "array", first: {Id: …} }.
 */
export function firstRecord(head: Head): FirstRecord | null {
  const shape = jsonShape(head.text);
  if (!shape || head.text === null) return null;
  if (shape.shape === 'lines') {
    const first = obj(shape.first);
    return first ? { shape: 'lines', first } : null;
  }
  if (shape.root === 'object') {
    const first = obj(shape.value) ?? parseFirstObject(head.text, 0);
    return first ? { shape: 'object', first } : null;
  }
  const list = Array.isArray(shape.value) ? (shape.value as unknown[]) : null;
  const first = list ? obj(list[0]) : parseFirstObject(head.text, head.text.indexOf('[') + 1);
  return first ? { shape: 'array', first } : null;
}

function parseFirstObject(text: string, from: number): Record<string, unknown> | null {
  const start = text.indexOf('{', from);
  if (start < 0) return null;
  const end = closingBrace(text, start);
  // NOTE: a first record longer than the head is not sniffed; such files are skipped as unknown.
  if (end < 0) return null;
  try {
    return obj(JSON.parse(text.slice(start, end + 1)));
  } catch {
    return null;
  }
}

/** Index of the brace closing the object that opens at `start`, or -1 when the head ends first. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** True when the record has every one of `keys`. */
export function hasKeys(record: Record<string, unknown>, ...keys: string[]): boolean {
  return keys.every((k) => k in record);
}
