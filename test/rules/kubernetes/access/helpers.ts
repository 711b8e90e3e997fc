import { fileURLToPath } from 'node:url';
import type { RawHit } from '../../../../src/detect/engine.js';
import { loadPack } from '../../../../src/detect/pack/load.js';
import type { Rule, RuleLogic } from '../../../../src/detect/rule.js';
import { LOGIC } from '../../../../src/detect/rules/kubernetes/access/index.js';
import type { Settings } from '../../../../src/detect/settings.js';
import type { ApiObservation } from '../../../../src/model/observation.js';
import { api } from '../../../helpers/observations.js';
import { defaultSettings, runRule } from '../../../helpers/rules.js';

const FOLDER = fileURLToPath(
  new URL('../../../../src/detect/rules/kubernetes/access/', import.meta.url),
);

/** This folder's rules alone, so these tests do not wait on the rest of the pack. */
export const ACCESS_PACK: readonly Rule[] = loadPack(LOGIC, FOLDER);

/** A rule of this folder by id, or its logic built with other options (same card). */
export function accessRule(rule: string | RuleLogic): Rule {
  const id = typeof rule === 'string' ? rule : rule.id;
  const found = ACCESS_PACK.find((r) => r.card.id === id);
  if (!found) throw new Error(`no access rule '${id}'`);
  return typeof rule === 'string' ? found : { ...found, kinds: rule.kinds, create: rule.create };
}

/** Runs one access rule over observations through the real engine. */
export function run(
  rule: string | RuleLogic,
  observations: ApiObservation[],
  settings: Settings = defaultSettings(),
): RawHit[] {
  return runRule(accessRule(rule), observations, settings);
}

const T0 = Date.parse('2025-03-14T09:30:00Z');
let line = 0;

/** An audit request `seconds` after T0, by jane from inside the cluster; null leaves it undated. */
export function request(
  seconds: number | null,
  over: Partial<ApiObservation> = {},
): ApiObservation {
  const ts = seconds === null ? null : T0 + seconds * 1000;
  return api({
    time: ts === null ? null : new Date(ts).toISOString(),
    ts,
    source: { path: 'audit.log', line: ++line },
    user: 'jane@corp.example',
    userGroups: ['system:authenticated'],
    annotations: { 'authorization.k8s.io/decision': 'allow' },
    ...over,
  });
}

/** A request on an RBAC object with the given body. */
export function rbacWrite(
  resource: string,
  body: Record<string, unknown> | null,
  over: Partial<ApiObservation> = {},
): ApiObservation {
  return request(0, {
    verb: 'create',
    resource,
    apiGroup: 'rbac.authorization.k8s.io',
    namespace: resource.startsWith('cluster') ? null : 'dev',
    name: 'x',
    requestObject: body,
    code: 201,
    ...over,
  });
}

/** Severity of each hit, in order. Example: ["high", "critical"]. */
export function severities(hits: RawHit[]): string[] {
  return hits.map((h) => h.hit.severity ?? h.card.severity);
}
