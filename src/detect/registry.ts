import { loadPack } from './pack/load.js';
import type { Rule, RuleLogic } from './rule.js';
import { LOGIC as CHANGES } from './rules/changes/index.js';
import { LOGIC as CONTAINER } from './rules/container/index.js';
import { LOGIC as CORRELATION } from './rules/correlation/index.js';
import { LOGIC as IMAGE } from './rules/image/index.js';
import { LOGIC as KUBERNETES } from './rules/kubernetes/index.js';
import { LOGIC as NETWORK } from './rules/network/index.js';
import { LOGIC as RUNTIME } from './rules/runtime/index.js';

/** The TypeScript logic of the rules that are more than a field match. */
export const LOGIC: readonly RuleLogic[] = [
  ...CONTAINER,
  ...IMAGE,
  ...RUNTIME,
  ...KUBERNETES,
  ...NETWORK,
  ...CHANGES,
  ...CORRELATION,
];

let pack: readonly Rule[] | null = null;

/** The built-in rule pack, read once: data rules and the cards of logic rules. */
export function rulePack(): readonly Rule[] {
  pack ??= loadPack(LOGIC);
  return pack;
}

export function findRule(id: string): Rule | undefined {
  return rulePack().find((r) => r.card.id === id);
}
