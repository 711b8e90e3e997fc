import { SEVERITY_POINTS } from '../model/severity.js';
import type { Finding } from './finding.js';

/**
 * A finding's score: its severity's points, scaled by confidence, plus a
 * little for repeated evidence (capped, so volume alone never outranks
 * severity). Example: high (60) at confidence 0.9 with 4 records: 57 + 2 = 59.
 */
export function findingScore(
  f: Pick<Finding, 'severity' | 'confidence' | 'evidenceCount'>,
): number {
  const base = SEVERITY_POINTS[f.severity] * (0.5 + 0.5 * f.confidence);
  const volume = Math.min(5, Math.log2(Math.max(1, f.evidenceCount)));
  return round(base + volume);
}

/** Weights of an entity's findings, strongest first: the first counts whole. */
const WEIGHTS = [1, 0.5, 0.3, 0.2];
const TAIL_WEIGHT = 0.1;

/** The weighted sum at which an entity reaches 63 of 100. */
const SCALE = 100;

/**
 * An entity's risk: its findings (and those of entities it depends on, such
 * as its image) summed with falling weights, then raised when they come from
 * independent data sources, because an entity hit by several sources is
 * better evidence than one hit by a single noisy rule. The sum is squashed
 * onto 0..100 so that heavily hit entities still differ instead of all
 * sitting at a cap. Example: one high finding (57) scores 43; a sum of 250
 * scores 92.
 */
export function entityScore(findings: readonly Finding[]): number {
  const scores = findings.map((f) => f.score).sort((a, b) => b - a);
  let total = 0;
  scores.forEach((s, i) => {
    total += s * (WEIGHTS[i] ?? TAIL_WEIGHT);
  });
  const sources = new Set(findings.flatMap((f) => f.sourceKinds)).size;
  const independence = 1 + 0.15 * Math.min(4, Math.max(0, sources - 1));
  return round(100 * (1 - Math.exp(-(total * independence) / SCALE)));
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
