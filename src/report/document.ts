import type { NotEvaluable } from '../detect/engine.js';
import type { RankedEntity } from '../findings/rank.js';
import type { Finding } from '../findings/finding.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import type { Source } from '../model/source.js';
import type { InputWarning } from '../readers/run.js';

/** The JSON report contract (REPORT.md); keys are written in this order. */
export interface ReportDocument {
  schemaVersion: 1;
  /** `config`: the stowaway.yaml applied over the shipped lists, when one was. */
  tool: {
    name: string;
    version: string;
    rules: number;
    config?: { path: string; sha256: string };
  };
  inputs: ReportInput[];
  skipped: { path: string; reason: string; sha256: string; bytes: number }[];
  entities: ReportEntity[];
  findings: ReportFinding[];
  notEvaluable: NotEvaluable[];
  summary: { findings: number; bySeverity: Record<Severity, number> };
}

export interface ReportInput {
  path: string;
  format: string;
  sha256: string;
  bytes: number;
  records: number;
  skipped: number;
  warnings: InputWarning[];
}

export interface ReportEntity {
  id: string;
  kind: string;
  names: string[];
  score: number;
  sources: string[];
  related: string[];
  why: string[];
}

/** A finding as written: everything but the internal ordering fields. */
export type ReportFinding = Omit<Finding, 'ts' | 'sourceKinds'>;

export function toReportEntity(e: RankedEntity): ReportEntity {
  return {
    id: e.id,
    kind: e.kind,
    names: e.names,
    score: e.score,
    sources: e.sources,
    related: e.related,
    why: e.why,
  };
}

export function toReportFinding(f: Finding): ReportFinding {
  return {
    id: f.id,
    rule: f.rule,
    title: f.title,
    severity: f.severity,
    confidence: f.confidence,
    score: f.score,
    attack: f.attack,
    entity: f.entity,
    time: f.time,
    summary: f.summary,
    evidence: f.evidence.map(orderSource),
    evidenceCount: f.evidenceCount,
    response: f.response,
  };
}

/** Source keys in a fixed order, whatever order the reader built them in. */
export function orderSource(s: Source): Source {
  const out: Source = { path: s.path };
  if (s.line !== undefined) out.line = s.line;
  if (s.member !== undefined) out.member = s.member;
  if (s.layer !== undefined) out.layer = s.layer;
  if (s.layerDigest !== undefined) out.layerDigest = s.layerDigest;
  return out;
}

export function countBySeverity(
  findings: readonly { severity: Severity }[],
): Record<Severity, number> {
  const counts = Object.fromEntries([...SEVERITIES].reverse().map((s) => [s, 0])) as Record<
    Severity,
    number
  >;
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}
