import type { Rule } from './rule.js';
import { RULES as CONTAINER } from './rules/container/index.js';
import { RULES as IMAGE } from './rules/image/index.js';
import { RULES as KUBERNETES } from './rules/kubernetes/index.js';
import { RULES as NETWORK } from './rules/network/index.js';
import { RULES as RUNTIME } from './rules/runtime/index.js';

/** The built-in rule pack, one folder per data source. */
export const RULES: readonly Rule[] = [
  ...CONTAINER,
  ...IMAGE,
  ...RUNTIME,
  ...KUBERNETES,
  ...NETWORK,
];

const ids = new Set<string>();
for (const rule of RULES) {
  if (ids.has(rule.card.id)) throw new Error(`two rules share the id '${rule.card.id}'`);
  ids.add(rule.card.id);
}

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.card.id === id);
}
