import { Engine, type RawHit } from '../../src/detect/engine.js';
import type { Rule } from '../../src/detect/rule.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/detect/settings.js';
import type { Observation } from '../../src/model/observation.js';

/** Runs one rule over observations through the real engine; returns its hits. */
export function runRule(
  rule: Rule,
  observations: Observation[],
  settings: Settings = DEFAULT_SETTINGS,
): RawHit[] {
  const engine = new Engine([rule], settings);
  for (const obs of observations) engine.observe(obs);
  const { hits } = engine.finish();
  if (engine.failures.length > 0) throw new Error(engine.failures.join('; '));
  return hits;
}
