import { jsonShape } from '../../evidence/json-document.js';
import type { Head } from '../../evidence/open.js';
import { arr, obj } from '../../util/text.js';

/**
 * What the head of a JSON input shows of its root and of its first record,
 * for sniffing. When the whole document fits in the head these are the real
 * objects; otherwise they are partial objects rebuilt from the head's text,
 * holding the string members seen and a placeholder (`PRESENT`) for members
 * of other types.
 * Example: a 3 MiB `kubectl get pods -o json` gives
 * root = { apiVersion: "v1", items: PRESENT } and first = { kind: "Pod", … }.
 */
export interface JsonHead {
  /** True when the input is JSON lines; root is then the first line. */
  lines: boolean;
  root: Record<string, unknown> | null;
  rootIsArray: boolean;
  /** First element of a root array, or of the root's `items`, `records`, `events`, … */
  first: Record<string, unknown> | null;
}

/** Stands for a member whose value is an object, array, number, … */
export const PRESENT = Object.freeze({ present: true });

/** Lists of records: Kubernetes lists, AKS records, CloudWatch events. */
const LIST_KEYS = ['items', 'records', 'events', 'logEvents'];

/** Several sniffers ask about the same head; it is parsed once. */
const seen = new WeakMap<Head, JsonHead | null>();

export function jsonHead(head: Head): JsonHead | null {
  if (!seen.has(head)) seen.set(head, describeHead(head));
  return seen.get(head) ?? null;
}

function describeHead(head: Head): JsonHead | null {
  const shape = jsonShape(head.text);
  if (shape === null) return null;
  if (shape.shape === 'lines') {
    const root = obj(shape.first);
    return { lines: true, root, rootIsArray: false, first: firstOf(root) };
  }
  if (shape.value !== undefined) {
    if (Array.isArray(shape.value)) {
      return { lines: false, root: null, rootIsArray: true, first: obj(shape.value[0]) };
    }
    const root = obj(shape.value);
    return { lines: false, root, rootIsArray: false, first: firstOf(root) };
  }
  return scanHead(head.text ?? '');
}

function firstOf(root: Record<string, unknown> | null): Record<string, unknown> | null {
  if (root === null) return null;
  for (const key of LIST_KEYS) {
    const list = arr(root[key]);
    if (list.length > 0) return obj(list[0]);
  }
  return null;
}

interface Frame {
  type: '{' | '[';
  key: string | null;
  /** Objects opened directly inside this array so far. */
  elements: number;
  /** The root or first-record object that this frame's members go into. */
  into: Record<string, unknown> | null;
}

/**
 * Rebuilds the root's members and the first record's members from a head
 * that ends mid-document. Strings are tracked so that braces inside them
 * never count; the scan stops at the end of the head.
 */
export function scanHead(text: string): JsonHead {
  const stack: Frame[] = [];
  const result: JsonHead = { lines: false, root: null, rootIsArray: false, first: null };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) break;
      member(stack, unquote(text.slice(i, end + 1)), nextSignificant(text, end + 1) === ':');
      i = end;
    } else if (c === '{' || c === '[') {
      const parent = stack[stack.length - 1];
      if (parent?.type === '[' && c === '{') parent.elements += 1;
      const frame: Frame = { type: c, key: null, elements: 0, into: null };
      stack.push(frame);
      frame.into = openTarget(stack, result);
    } else if (c === '}' || c === ']') {
      stack.pop();
    }
  }
  return result;
}

/** Records a key (as present) or a string value of the frame on top. */
function member(stack: Frame[], text: string, isKey: boolean): void {
  const top = stack[stack.length - 1];
  if (top?.type !== '{') return;
  if (isKey) {
    top.key = text;
    if (top.into) top.into[text] = PRESENT;
  } else if (top.into && top.key !== null) {
    top.into[top.key] = text;
  }
}

/** Starts the root or first-record object when the scan enters it. */
function openTarget(stack: Frame[], result: JsonHead): Record<string, unknown> | null {
  const [a, b, c] = stack;
  if (stack.length === 1) {
    if (a!.type === '[') result.rootIsArray = true;
    else result.root = {};
    return result.root;
  }
  const firstInRootArray = stack.length === 2 && a!.type === '[' && b!.type === '{';
  const firstInList =
    stack.length === 3 &&
    a!.type === '{' &&
    b!.type === '[' &&
    c!.type === '{' &&
    LIST_KEYS.includes(a!.key ?? '');
  const parent = stack[stack.length - 2]!;
  if ((firstInRootArray || firstInList) && parent.elements === 1 && result.first === null) {
    result.first = {};
    return result.first;
  }
  return null;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return -1;
}

function nextSignificant(text: string, from: number): string | undefined {
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') return c;
  }
  return undefined;
}

function unquote(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
