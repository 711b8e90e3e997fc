import { EntityResolver } from '../entities/resolver.js';
import type { Observation } from '../model/observation.js';
import type { InputSet } from '../readers/inputs.js';
import { replay } from '../replay/merge.js';
import { Engine, type NotEvaluable, type RawHit } from './engine.js';
import type { Rule } from './rule.js';
import type { Settings } from './settings.js';

export interface Detection {
  hits: RawHit[];
  notEvaluable: NotEvaluable[];
  resolver: EntityResolver;
  observations: number;
  ruleFailures: string[];
}

/**
 * Replays every input's observations in time order through the entity
 * resolver and the rules. Undated observations (image files, undated
 * samples) go through as they arrive: no rule orders by them.
 */
export async function runDetection(
  inputs: InputSet,
  rules: readonly Rule[],
  settings: Settings,
): Promise<Detection> {
  const engine = new Engine(rules, settings);
  const resolver = new EntityResolver();
  let observations = 0;
  const take = (obs: Observation): void => {
    observations += 1;
    resolver.observe(obs, inputs.formatOf(obs.source.path));
    engine.observe(obs);
  };
  for await (const batch of replay(inputs.streams, take)) for (const obs of batch) take(obs);
  const { hits, notEvaluable } = engine.finish();
  return { hits, notEvaluable, resolver, observations, ruleFailures: engine.failures };
}
