import { atLeast, type Severity } from '../model/severity.js';

/** Exit codes: the contract with CI, the same whatever the output format. */
export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
  internal: 3,
} as const;

/** 1 when any finding is at or above `--fail-on`, else 0. */
export function exitCodeFor(severities: readonly Severity[], failOn: Severity | undefined): number {
  if (!failOn) return EXIT.ok;
  return severities.some((s) => atLeast(s, failOn)) ? EXIT.findings : EXIT.ok;
}
