import { fileURLToPath } from 'node:url';
import { Engine, type NotEvaluable, type RawHit } from '../../../../src/detect/engine.js';
import { loadPack } from '../../../../src/detect/pack/load.js';
import type { Rule } from '../../../../src/detect/rule.js';
import { LOGIC } from '../../../../src/detect/rules/kubernetes/workloads/index.js';
import type { ApiObservation } from '../../../../src/model/observation.js';
import { api } from '../../../helpers/observations.js';
import { defaultSettings } from '../../../helpers/rules.js';

const DIR = fileURLToPath(
  new URL('../../../../src/detect/rules/kubernetes/workloads/', import.meta.url),
);

/** This folder's rules alone, so the tests do not hang on the rest of the pack. */
const RULES = loadPack(LOGIC, DIR);

export function workloadRule(id: string): Rule {
  const rule = RULES.find((r) => r.card.id === id);
  if (!rule) throw new Error(`no rule '${id}' in the workloads folder`);
  return rule;
}

/** Runs one rule of the folder; returns its hits and what it could not judge. */
export function run(
  id: string,
  observations: ApiObservation[],
): { hits: RawHit[]; notEvaluable: NotEvaluable[] } {
  const engine = new Engine([workloadRule(id)], defaultSettings());
  for (const obs of observations) engine.observe(obs);
  const result = engine.finish();
  if (engine.failures.length > 0) throw new Error(engine.failures.join('; '));
  return result;
}

let line = 0;

/** An audit request; each gets its own line and auditID unless the test says otherwise. */
export function request(over: Partial<ApiObservation> = {}): ApiObservation {
  line += 1;
  return api({ auditID: `id-${line}`, source: { path: 'audit.log', line }, ...over });
}

/** A pod body with the given containers and pod-level spec fields. */
export function podBody(
  containers: unknown,
  spec: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default' },
    spec: { containers, ...spec },
  };
}

/** A workload body whose pod template holds the containers. */
export function workloadBody(
  kind: string,
  containers: unknown,
  spec: Record<string, unknown> = {},
): Record<string, unknown> {
  return { kind, metadata: { name: 'web' }, spec: { template: { spec: { containers, ...spec } } } };
}
