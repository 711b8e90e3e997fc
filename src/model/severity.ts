/** Severity is an ordered type: compare by rank, never by name. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function atLeast(s: Severity, threshold: Severity): boolean {
  return severityRank(s) >= severityRank(threshold);
}

/** Base points of a finding before confidence and context are applied. */
export const SEVERITY_POINTS: Record<Severity, number> = {
  info: 2,
  low: 10,
  medium: 35,
  high: 60,
  critical: 85,
};
