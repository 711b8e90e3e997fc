import type { Entity } from '../entities/resolver.js';
import { severityRank } from '../model/severity.js';
import { compareSources } from '../model/source.js';
import type { Finding } from './finding.js';
import { entityScore } from './score.js';

/** An entity as the report states it, with its risk and the reasons for it. */
export interface RankedEntity extends Entity {
  score: number;
  why: string[];
}

export interface Ranking {
  entities: RankedEntity[];
  findings: Finding[];
}

/**
 * Scores each listed entity from its own findings and those of the entities it
 * depends on (a container inherits its image's), then orders both lists
 * totally: ties are broken down to the rule id and the evidence position, so
 * the same findings always come out in the same order.
 */
export function rank(findings: Finding[], entities: Map<string, Entity>): Ranking {
  const byEntity = groupBy(findings, (f) => f.entity);
  const ranked: RankedEntity[] = [];
  for (const entity of entities.values()) {
    const id = entity.id;
    const own = byEntity.get(id) ?? [];
    const inherited = entity.related.flatMap((r) => byEntity.get(r) ?? []);
    const all = [...own, ...inherited];
    ranked.push({ ...entity, score: entityScore(all), why: reasons(all, entity, entities) });
  }
  ranked.sort(compareEntities);
  const scoreOf = new Map(ranked.map((e) => [e.id, e.score]));
  const ordered = [...findings].sort((a, b) => compareFindings(a, b, scoreOf));
  return { entities: ranked, findings: ordered };
}

export function compareEntities(a: RankedEntity, b: RankedEntity): number {
  return b.score - a.score || cmp(a.id, b.id);
}

export function compareFindings(a: Finding, b: Finding, scoreOf: Map<string, number>): number {
  return (
    (scoreOf.get(b.entity) ?? 0) - (scoreOf.get(a.entity) ?? 0) ||
    cmp(a.entity, b.entity) ||
    b.score - a.score ||
    severityRank(b.severity) - severityRank(a.severity) ||
    compareTimes(a.ts, b.ts) ||
    cmp(a.rule, b.rule) ||
    compareEvidence(a, b) ||
    cmp(a.id, b.id)
  );
}

function compareTimes(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

function compareEvidence(a: Finding, b: Finding): number {
  const ea = a.evidence[0];
  const eb = b.evidence[0];
  if (!ea || !eb) return ea ? -1 : eb ? 1 : 0;
  return compareSources(ea, eb);
}

/** The top findings and the sources behind an entity's score, in words. */
function reasons(findings: Finding[], entity: Entity, all: Map<string, Entity>): string[] {
  const top = [...findings].sort((a, b) => b.score - a.score || cmp(a.id, b.id)).slice(0, 3);
  const why = top.map((f) => {
    const other = all.get(f.entity);
    const via =
      f.entity === entity.id ? '' : ` (via ${other?.kind ?? ''} ${other?.names[0] ?? f.entity})`;
    return `${f.severity}: ${f.title}${via}`;
  });
  const rules = new Set(findings.map((f) => f.rule)).size;
  if (findings.length > 3) why.push(`${findings.length} findings from ${rules} rules in all`);
  if (entity.sources.length > 0) why.push(`seen in ${entity.sources.join(', ')}`);
  return why;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
