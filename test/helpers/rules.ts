import { Engine, type RawHit } from '../../src/detect/engine.js';
import { findRule } from '../../src/detect/registry.js';
import type { Rule, RuleLogic } from '../../src/detect/rule.js';
import type { Settings } from '../../src/detect/settings.js';
import type { Observation } from '../../src/model/observation.js';
import { defaultLists } from '../../src/settings/load.js';

/** The settings of a run with no configuration and no intel. */
export function defaultSettings(): Settings {
  return { intel: null, lists: defaultLists() };
}

/** A rule of the pack, by id or by its logic; a whole rule stands for itself. */
export function packRule(rule: Rule | RuleLogic | string): Rule {
  if (typeof rule !== 'string' && 'card' in rule) return rule;
  const id = typeof rule === 'string' ? rule : rule.id;
  const found = findRule(id);
  if (!found) throw new Error(`no rule '${id}' in the pack`);
  return found;
}

/** Runs one rule over observations through the real engine; returns its hits. */
export function runRule(
  rule: Rule | RuleLogic | string,
  observations: Observation[],
  settings: Settings = defaultSettings(),
): RawHit[] {
  const engine = new Engine([packRule(rule)], settings);
  for (const obs of observations) engine.observe(obs);
  const { hits } = engine.finish();
  if (engine.failures.length > 0) throw new Error(engine.failures.join('; '));
  return hits;
}
