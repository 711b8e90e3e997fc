import type { Readable } from 'node:stream';
import { UserError } from '../util/errors.js';

/**
 * JSON documents (a `docker inspect` array, a `kubectl get -o json` List)
 * are parsed whole, since their objects are only meaningful together. Lines
 * of elements are found by a scan that tracks strings and nesting, so that
 * evidence can point at the line where each element starts.
 */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

export interface JsonDocument {
  value: unknown;
  /**
   * Start lines of the elements of the root array (key ""), and of each
   * array held by a member of the root object (key "items", "records", …).
   */
  elementLines: Map<string, number[]>;
}

/** Reads a whole document; throws when it is not JSON, with the reason. */
export async function readJsonDocument(stream: Readable): Promise<JsonDocument> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_DOCUMENT_BYTES) {
      throw new UserError(
        `JSON document over ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB; export it as JSON lines instead`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return { value: JSON.parse(text), elementLines: scanElementLines(text) };
}

/** Line (1-based) of element `index` of the array at `key`, or 1 when unknown. */
export function lineOf(doc: JsonDocument, key: string, index: number): number {
  return doc.elementLines.get(key)?.[index] ?? 1;
}

const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

export function scanElementLines(text: string): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  const stack: number[] = [];
  let line = 1;
  let inString = false;
  let lastString = '';
  let stringStart = 0;
  let arrayKey = '';
  // Set after `[` or `,` of a tracked array: the next value is an element.
  let expecting: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) line++;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) {
        inString = false;
        if (stack.length === 1) lastString = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (c <= 32) continue;
    if (expecting !== null && c !== 93) {
      push(lines, expecting, line);
      expecting = null;
    }
    if (c === QUOTE) {
      inString = true;
      stringStart = i;
    } else if (c === 123 || c === 91) {
      stack.push(c);
      if (c === 91) expecting = trackedKey(stack, lastString);
      if (c === 91 && stack.length === 2 && stack[0] === 123) arrayKey = lastString;
    } else if (c === 125 || c === 93) {
      stack.pop();
      expecting = null;
    } else if (c === 44) {
      expecting = trackedKey(stack, arrayKey);
    }
  }
  return lines;
}

/** The key of the array on top of the stack when it is one we track, else null. */
function trackedKey(stack: number[], key: string): string | null {
  if (stack[stack.length - 1] !== 91) return null;
  if (stack.length === 1) return '';
  if (stack.length === 2 && stack[0] === 123) return key;
  return null;
}

function push(map: Map<string, number[]>, key: string, line: number): void {
  const list = map.get(key);
  if (list) list.push(line);
  else map.set(key, [line]);
}

/** What the head of a JSON input looks like, for sniffing. */
export type JsonShape =
  | { shape: 'lines'; first: unknown }
  | { shape: 'document'; root: 'object' | 'array'; value: unknown | undefined };

/**
 * Tells JSON lines from a JSON document by the first non-blank line: a
 * complete value there means JSON lines. A document's value is given when
 * the whole document fits in the head.
 */
export function jsonShape(head: string | null): JsonShape | null {
  if (head === null) return null;
  const start = head.search(/\S/);
  if (start < 0) return null;
  const opener = head[start];
  if (opener !== '{' && opener !== '[') return null;
  const end = head.indexOf('\n', start);
  const firstLine = head.slice(start, end < 0 ? undefined : end);
  if (opener === '{') {
    const first = tryParse(firstLine);
    if (first !== undefined && end >= 0) return { shape: 'lines', first };
  }
  const value = tryParse(head.slice(start));
  return { shape: 'document', root: opener === '{' ? 'object' : 'array', value };
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
