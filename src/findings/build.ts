import { createHash } from 'node:crypto';
import type { RawHit } from '../detect/engine.js';
import type { EntityResolver } from '../entities/resolver.js';
import { severityRank, type Severity } from '../model/severity.js';
import { compareSources, sourceKey, type Source } from '../model/source.js';
import { EVIDENCE_LISTED, type Finding } from './finding.js';
import { bounded, fillTemplate } from './response.js';
import { findingScore } from './score.js';

interface Draft {
  key: string;
  finding: Finding;
  evidence: Map<string, Source>;
  vars: Record<string, string>;
  templates: string[];
  /** The hit that speaks for the finding: most severe, then earliest evidence. */
  lead: RawHit;
}

/**
 * Turns rule hits into findings: attaches each to its entity, merges hits
 * of one rule on one entity with the same key into one finding that lists
 * all their evidence, and fills in the response steps.
 */
export function buildFindings(
  hits: readonly RawHit[],
  resolver: EntityResolver,
  displayName: (entity: string) => string,
): Finding[] {
  const drafts = new Map<string, Draft>();
  for (const raw of hits) {
    const entity = resolver.resolve(raw.hit.subject);
    const key = `${raw.card.id}\u0000${entity}\u0000${raw.hit.key ?? ''}`;
    const draft = drafts.get(key);
    if (draft) merge(draft, raw);
    else drafts.set(key, start(raw, entity, raw.hit.key ?? ''));
  }
  return [...drafts.values()].map((d) => finish(d, displayName));
}

function start(raw: RawHit, entity: string, key: string): Draft {
  const { card, hit } = raw;
  const finding: Finding = {
    id: '',
    rule: card.id,
    title: card.title,
    severity: hit.severity ?? card.severity,
    confidence: hit.confidence ?? card.confidence,
    score: 0,
    attack: withAttack(card.attack, hit.attack),
    entity,
    time: raw.time ? { first: raw.time, last: raw.time } : null,
    summary: bounded(hit.summary),
    evidence: [],
    evidenceCount: 0,
    response: [],
    ts: raw.ts,
    sourceKinds: [...raw.kinds],
  };
  const draft: Draft = {
    key,
    finding,
    evidence: new Map(),
    vars: { ...hit.vars },
    templates: card.response,
    lead: raw,
  };
  addEvidence(draft, hit.evidence ?? []);
  return draft;
}

function merge(draft: Draft, raw: RawHit): void {
  const f = draft.finding;
  if (leads(raw, draft.lead)) {
    draft.lead = raw;
    f.severity = severityOf(raw);
    f.summary = bounded(raw.hit.summary);
    draft.vars = { ...raw.hit.vars };
  }
  f.confidence = Math.max(f.confidence, raw.hit.confidence ?? raw.card.confidence);
  f.attack = withAttack(f.attack, raw.hit.attack);
  if (raw.time && raw.ts !== null) widen(f, raw.time, raw.ts);
  addEvidence(draft, raw.hit.evidence ?? []);
}

/** The card's ATT&CK IDs and those a hit adds, each once, in a stable order. */
function withAttack(base: readonly string[], extra: readonly string[] | undefined): string[] {
  if (!extra || extra.length === 0) return [...base];
  return [...new Set([...base, ...extra])].sort();
}

function severityOf(raw: RawHit): Severity {
  return raw.hit.severity ?? raw.card.severity;
}

/** Whether `a` should speak for a finding instead of `b`; independent of arrival order. */
function leads(a: RawHit, b: RawHit): boolean {
  const bySeverity = severityRank(severityOf(a)) - severityRank(severityOf(b));
  if (bySeverity !== 0) return bySeverity > 0;
  const ea = a.hit.evidence?.[0];
  const eb = b.hit.evidence?.[0];
  if (ea && eb) {
    const bySource = compareSources(ea, eb);
    if (bySource !== 0) return bySource < 0;
  }
  return a.hit.summary < b.hit.summary;
}

function widen(f: Finding, time: string, ts: number): void {
  if (!f.time || f.ts === null) {
    f.time = { first: time, last: time };
    f.ts = ts;
    return;
  }
  if (ts < f.ts) {
    f.time.first = time;
    f.ts = ts;
  }
  if (ts > Date.parse(f.time.last)) f.time.last = time;
}

function addEvidence(draft: Draft, sources: readonly Source[]): void {
  for (const s of sources) draft.evidence.set(sourceKey(s), s);
}

function finish(draft: Draft, displayName: (entity: string) => string): Finding {
  const f = draft.finding;
  const all = [...draft.evidence.values()].sort(compareSources);
  f.evidence = all.slice(0, EVIDENCE_LISTED);
  f.evidenceCount = all.length;
  const name = displayName(f.entity);
  f.response = draft.templates.map((t) => fillTemplate(t, name, draft.vars));
  f.score = findingScore(f);
  f.id = `f-${fingerprint(f.rule, f.entity, draft.key, all[0])}`;
  return f;
}

function fingerprint(rule: string, entity: string, key: string, first?: Source): string {
  const hash = createHash('sha256');
  hash.update(`${rule}\u0000${entity}\u0000${key}\u0000${first ? sourceKey(first) : ''}`);
  return hash.digest('hex').slice(0, 16);
}
