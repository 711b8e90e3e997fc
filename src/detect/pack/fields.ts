/**
 * Field paths into an observation, as rule files write them: dotted names,
 * with ["quoted"] segments for keys that hold dots. An array met on the way
 * is walked element by element, so a path names every value it reaches.
 * Example: `requestObject.rules.verbs` reaches each verb of each rule;
 * `annotations["authorization.k8s.io/decision"]` reaches one annotation.
 */
export type FieldReader = (root: unknown) => unknown[];

export function parsePath(path: string): string[] {
  const segments: string[] = [];
  const pattern = /([^.[\]]+)|\["((?:[^"\\]|\\.)*)"\]/g;
  let expected = 0;
  for (let m = pattern.exec(path); m !== null; m = pattern.exec(path)) {
    const gap = path.slice(expected, m.index);
    const allowed = segments.length === 0 ? gap === '' : gap === '' || gap === '.';
    if (!allowed) throw new Error(`cannot read the field path '${path}'`);
    segments.push(m[1] ?? m[2]!.replace(/\\(.)/g, '$1'));
    expected = pattern.lastIndex;
  }
  if (segments.length === 0 || expected !== path.length) {
    throw new Error(`cannot read the field path '${path}'`);
  }
  return segments;
}

export function fieldReader(path: string): FieldReader {
  const segments = parsePath(path);
  if (segments.length === 1) {
    const key = segments[0]!;
    return (root) => leaves(step(root, key), []);
  }
  return (root) => {
    let current: unknown[] = [root];
    for (const key of segments) {
      const next: unknown[] = [];
      for (const value of current) collect(step(value, key), next);
      if (next.length === 0) return next;
      current = next;
    }
    return leaves(current, []);
  };
}

function step(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** Adds a value to `out`, walking into arrays. */
function collect(value: unknown, out: unknown[]): void {
  if (value === undefined) return;
  if (Array.isArray(value)) for (const item of value) collect(item, out);
  else out.push(value);
}

function leaves(value: unknown, out: unknown[]): unknown[] {
  collect(value, out);
  return out;
}

/**
 * Whether any value the path reaches passes `test`, walking without
 * building arrays: rules ask this of every observation, so it must not
 * allocate. Example: anyValue(["rules", "verbs"], isStar) over a Role body.
 */
export function anyValue(
  root: unknown,
  segments: readonly string[],
  test: (value: unknown) => boolean,
  from = 0,
): boolean {
  let value = root;
  for (let i = from; i < segments.length; i++) {
    if (Array.isArray(value)) {
      for (const item of value) if (anyValue(item, segments, test, i)) return true;
      return false;
    }
    value = step(value, segments[i]!);
    if (value === undefined) return false;
  }
  if (!Array.isArray(value)) return test(value);
  for (const item of value) if (anyValue(item, segments, test, segments.length)) return true;
  return false;
}
