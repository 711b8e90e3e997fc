import { obj, str } from '../../../../util/text.js';
import type { Lists } from '../../../lists.js';
import { hostPathReason, type Reason } from './escape-reasons.js';
import { isIndex, type PatchWrite } from './json-patch.js';

/** Pod-level switches that share a host namespace. Example: "/spec/hostPID" true. */
const HOST_FLAGS: ReadonlyMap<string, Reason> = new Map([
  ['hostPID', { text: 'hostPID', severity: 'high' }],
  ['hostIPC', { text: 'hostIPC', severity: 'medium' }],
  ['hostNetwork', { text: 'hostNetwork', severity: 'medium' }],
]);

const CONTAINER_LISTS: ReadonlySet<string> = new Set([
  'containers',
  'initContainers',
  'ephemeralContainers',
]);

/** Nesting read under one operation's value; a pod spec is far shallower. */
const MAX_DEPTH = 16;

/**
 * Why a JSON patch opens the way to the node: an add or replace whose path
 * ends in securityContext/privileged, hostPID, hostNetwork, hostIPC or a
 * volume's hostPath, or whose value holds one of those (a container, a
 * volume, a whole pod spec).
 * Example: {"op":"add","path":"/spec/template/spec/containers/0/securityContext",
 * "value":{"privileged":true}} → "privileged (container #0)".
 * NOTE: a JSON patch names no images, so images trusted to run privileged
 * are not passed over here; capabilities and profiles are not read.
 */
export function patchReasons(writes: readonly PatchWrite[], lists: Lists): Reason[] {
  const found = new Map<string, Reason>();
  const add = (reason: Reason | null): void => {
    if (reason !== null) found.set(reason.text, reason);
  };
  for (const write of writes) {
    const path = write.path;
    const key = path[path.length - 1] ?? '';
    const parent = path[path.length - 2] ?? '';
    visit({ key, parent, value: write.value, who: containerOf(path), depth: 0 }, lists, add);
  }
  return [...found.values()];
}

interface Step {
  key: string;
  parent: string;
  value: unknown;
  who: string;
  depth: number;
}

function visit(step: Step, lists: Lists, add: (r: Reason | null) => void): void {
  const { key, parent, value, depth } = step;
  if (depth > MAX_DEPTH) return;
  if (value === true && key === 'privileged' && parent === 'securityContext') {
    add({ text: `privileged (${step.who})`, severity: 'high' });
  }
  if (value === true) add(HOST_FLAGS.get(key) ?? null);
  if (key === 'path' && parent === 'hostPath' && typeof value === 'string') {
    add(hostPathReason(value, 'as a volume (JSON patch)', lists));
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      visit(
        { key: String(i), parent: key, value: item, who: step.who, depth: depth + 1 },
        lists,
        add,
      );
    });
    return;
  }
  const object = obj(value);
  if (object === null) return;
  const who = CONTAINER_LISTS.has(parent) && isIndex(key) ? named(object, key) : step.who;
  for (const [k, v] of Object.entries(object)) {
    visit({ key: k, parent: key, value: v, who, depth: depth + 1 }, lists, add);
  }
}

/** Example: {"name":"sh"} → "container sh"; no name, index "0" → "container #0". */
function named(container: Record<string, unknown>, index: string): string {
  const name = str(container['name']);
  return name !== null ? `container ${name}` : `container #${index}`;
}

/**
 * The container a path points into.
 * Example: "/spec/containers/1/securityContext" → "container #1".
 */
function containerOf(path: readonly string[]): string {
  for (let i = 0; i < path.length - 1; i += 1) {
    if (CONTAINER_LISTS.has(path[i]!) && isIndex(path[i + 1]!)) return `container #${path[i + 1]}`;
  }
  return 'container ?';
}
