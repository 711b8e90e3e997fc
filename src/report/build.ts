import type { NotEvaluable } from '../detect/engine.js';
import type { Ranking } from '../findings/rank.js';
import { atLeast, type Severity } from '../model/severity.js';
import type { InputSet } from '../readers/inputs.js';
import {
  countBySeverity,
  toReportEntity,
  toReportFinding,
  type ReportDocument,
} from './document.js';

export interface ReportMeta {
  version: string;
  rules: number;
  minSeverity: Severity;
  /** The configuration applied, as given, with its hash. */
  config?: { path: string; sha256: string } | null;
}

/**
 * Assembles the report document in contract order. Inputs and skipped files
 * are ordered by path, so the order of paths given never shows.
 */
export function buildReport(
  inputs: InputSet,
  ranking: Ranking,
  notEvaluable: NotEvaluable[],
  meta: ReportMeta,
): ReportDocument {
  const findings = ranking.findings.filter((f) => atLeast(f.severity, meta.minSeverity));
  return {
    schemaVersion: 1,
    tool: {
      name: 'stowaway',
      version: meta.version,
      rules: meta.rules,
      ...(meta.config ? { config: meta.config } : {}),
    },
    inputs: [...inputs.read]
      .sort((a, b) => cmp(a.stats.path, b.stats.path))
      .map((i) => ({
        path: i.stats.path,
        format: i.stats.format,
        sha256: i.sha256,
        bytes: i.bytes,
        records: i.stats.records,
        skipped: i.stats.skipped,
        warnings: i.stats.warnings,
      })),
    skipped: [...inputs.skipped].sort((a, b) => cmp(a.path, b.path)),
    entities: ranking.entities.map(toReportEntity),
    findings: findings.map(toReportFinding),
    notEvaluable: [...notEvaluable].sort(
      (a, b) => cmp(a.rule, b.rule) || cmp(a.path, b.path) || cmp(a.reason, b.reason),
    ),
    summary: { findings: findings.length, bySeverity: countBySeverity(findings) },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
