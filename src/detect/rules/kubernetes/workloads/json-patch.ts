import type { ApiObservation } from '../../../../model/observation.js';
import { obj, str } from '../../../../util/text.js';

/**
 * A JSON patch body (RFC 6902, `kubectl patch --type json`): the audit log
 * keeps it as requestObject, a list of operations rather than an object.
 * Spec: https://www.rfc-editor.org/rfc/rfc6902 (pointers: RFC 6901).
 * Example: [{"op":"add","path":"/spec/template/spec/nodeSelector",
 * "value":{"kubernetes.io/hostname":"nope"}}].
 */
export interface PatchWrite {
  /** "add" or "replace". */
  op: string;
  /** The pointer, split and unescaped. Example: ["spec", "replicas"]. */
  path: string[];
  value: unknown;
}

/** Operations read; a longer patch is read up to here. */
const MAX_OPERATIONS = 500;

/**
 * The writes of a JSON patch body, or null when the body is not one. Only
 * "add" and "replace" set a value that a rule can judge.
 * NOTE: "copy" and "move" take their value from the stored object, which the
 * log does not hold; "remove" and "test" set nothing.
 */
export function jsonPatchOf(api: ApiObservation): PatchWrite[] | null {
  const body: unknown = api.requestObject;
  if (!Array.isArray(body)) return null;
  const writes: PatchWrite[] = [];
  for (const raw of body.slice(0, MAX_OPERATIONS)) {
    const op = obj(raw);
    const kind = str(op?.['op']);
    const path = str(op?.['path']);
    if (op === null || path === null || (kind !== 'add' && kind !== 'replace')) continue;
    if (!('value' in op)) continue;
    writes.push({ op: kind, path: pointer(path), value: op['value'] });
  }
  return writes;
}

/**
 * A JSON pointer's tokens: "~1" stands for "/" and "~0" for "~", in that
 * order. Example: "/metadata/labels/app.kubernetes.io~1name" →
 * ["metadata", "labels", "app.kubernetes.io/name"].
 */
export function pointer(path: string): string[] {
  if (!path.startsWith('/')) return [];
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Whether a pointer token indexes a list ("0", "12", or "-" for the end). */
export function isIndex(token: string): boolean {
  return token === '-' || /^\d+$/.test(token);
}

/** Tokens never used as keys: they would reach the prototype of the object built. */
const UNSAFE: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The writes as one object fragment, as a merge patch would send it, so
 * that code reading fragments reads JSON patches too. A list step adds one
 * element to a list there. Example: add /spec/template/spec/nodeSelector
 * {"a":"b"} → {"spec":{"template":{"spec":{"nodeSelector":{"a":"b"}}}}}.
 */
export function patchFragment(writes: readonly PatchWrite[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const write of writes) {
    if (write.path.some((t) => UNSAFE.has(t))) continue;
    if (write.path.length > 0) setAt(root, write.path, write.value);
    else for (const [k, v] of Object.entries(obj(write.value) ?? {})) safeSet(root, k, v);
  }
  return root;
}

/** Sets the value at the path, making objects (and lists at index steps) on the way. */
function setAt(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node: Record<string, unknown> = root;
  for (let i = 0; i < path.length; i += 1) {
    const token = path[i]!;
    if (isIndex(token)) return; // a list at the top of the fragment: nothing to name it
    const last = i === path.length - 1;
    const next = path[i + 1];
    if (last) {
      node[token] = value;
      return;
    }
    if (isIndex(next!)) {
      const list = Array.isArray(node[token]) ? (node[token] as unknown[]) : [];
      node[token] = list;
      if (i + 2 === path.length) {
        list.push(value);
        return;
      }
      const item: Record<string, unknown> = {};
      list.push(item);
      node = item;
      i += 1;
      continue;
    }
    const child = obj(node[token]) ?? {};
    node[token] = child;
    node = child;
  }
}

function safeSet(node: Record<string, unknown>, key: string, value: unknown): void {
  if (!UNSAFE.has(key)) node[key] = value;
}
