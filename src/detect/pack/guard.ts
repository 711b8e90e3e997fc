import type { Guard } from '../rule.js';
import type { RuleFile } from './card-schema.js';
import type { Condition } from './condition-schema.js';

/** Fields whose values split observations most finely, best first. */
const PREFERRED = ['resource', 'subresource', 'action', 'change', 'verb'];

/**
 * The guard a data rule's condition implies: a top-level field that must
 * hold one of a few strings for the condition to pass. With a `requires`
 * scope, the scope must be guarded on the same field (both are judged).
 * Example: `all: [{ field: resource, in: [roles, clusterroles] }, …]` gives
 * { field: "resource", values: ["roles", "clusterroles"] }.
 */
export function guardOf(file: RuleFile): Guard | undefined {
  const when = guardsIn(file.when!);
  if (!file.requires) return best(when);
  const scope = guardsIn(file.requires.scope);
  for (const field of [...PREFERRED, ...when.map((g) => g.field)]) {
    const a = when.find((g) => g.field === field);
    const b = scope.find((g) => g.field === field);
    if (a && b) return { field, values: [...new Set([...a.values, ...b.values])] };
  }
  return undefined;
}

function best(guards: Guard[]): Guard | undefined {
  for (const field of PREFERRED) {
    const found = guards.find((g) => g.field === field);
    if (found) return found;
  }
  return guards[0];
}

/** The guards a condition's top level states: a lone test, or tests under `all`. */
function guardsIn(cond: Condition): Guard[] {
  const tests = 'all' in cond ? cond.all : [cond];
  const out: Guard[] = [];
  for (const test of tests) {
    if (!('field' in test) || !/^[A-Za-z][A-Za-z0-9]*$/.test(test.field)) continue;
    const values = test.equals !== undefined ? [test.equals] : test.in;
    if (values && values.length > 0 && values.every((v) => typeof v === 'string')) {
      out.push({ field: test.field, values: values as string[] });
    }
  }
  return out;
}
