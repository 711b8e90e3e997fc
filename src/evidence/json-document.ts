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
  try {
    return { value: JSON.parse(text), elementLines: scanElementLines(text) };
  } catch (error) {
    // `jq .` over a log, or one `docker inspect` after another, writes
    // documents back to back: read them as the elements of one array.
    const values = concatenatedValues(text);
    if (values === null) throw error;
    return joined(values);
  }
}

/**
 * Documents back to back as one: objects become the elements of an array;
 * arrays (`docker inspect a; docker inspect b`) give their elements, each
 * at its own line.
 */
function joined(values: Concatenated[]): JsonDocument {
  if (!values.every((v) => Array.isArray(v.value))) {
    const lines = values.map((v) => v.line);
    return { value: values.map((v) => v.value), elementLines: new Map([['', lines]]) };
  }
  const elements: unknown[] = [];
  const lines: number[] = [];
  for (const v of values) {
    const inner = scanElementLines(v.text).get('') ?? [];
    (v.value as unknown[]).forEach((element, i) => {
      elements.push(element);
      lines.push((inner[i] ?? 1) + v.line - 1);
    });
  }
  return { value: elements, elementLines: new Map([['', lines]]) };
}

interface Concatenated {
  value: unknown;
  /** The line the value starts on. */
  line: number;
  text: string;
}

/**
 * Two or more JSON objects or arrays one after another, with only white
 * space between them, each with the line it starts on; null for any other
 * text. Example: "{\n  \"a\": 1\n}\n{\n  \"a\": 2\n}" gives two values, at lines 1 and 4.
 */
export function concatenatedValues(text: string): Concatenated[] | null {
  const out: Concatenated[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) line++;
    if (c <= 32) {
      i++;
      continue;
    }
    if (c !== 123 && c !== 91) return null;
    const end = valueEnd(text, i);
    if (end < 0) return null;
    const slice = text.slice(i, end);
    try {
      out.push({ value: JSON.parse(slice), line, text: slice });
    } catch {
      return null;
    }
    for (let k = i; k < end; k++) if (text.charCodeAt(k) === NEWLINE) line++;
    i = end;
  }
  return out.length >= 2 ? out : null;
}

/** Where the object or array starting at `start` ends (one past it), or -1. */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0) return i + 1;
  }
  return -1;
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
