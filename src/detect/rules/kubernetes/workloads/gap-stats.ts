import type { Source } from '../../../../model/source.js';

/**
 * The spread of the pauses between consecutive records of one audit log,
 * kept in bounded memory: a histogram over powers of two (milliseconds),
 * and the few longest pauses with where they start and end.
 * Example: a busy API server writes every few milliseconds; a pause of
 * 40 minutes stands out against a 90th percentile of 250 ms.
 */
export interface Pause {
  ms: number;
  fromTime: string | null;
  toTime: string | null;
  from: Source;
  to: Source;
}

/** NOTE: only the longest pauses are kept as candidates; more would all be reported anyway. */
const KEPT = 8;
const BUCKETS = 48;

export class PauseStats {
  private readonly histogram = new Array<number>(BUCKETS).fill(0);
  private readonly longest: Pause[] = [];
  count = 0;

  add(pause: Pause): void {
    this.count += 1;
    this.histogram[bucketOf(pause.ms)]! += 1;
    // Most pauses are short: once the list is full, they leave without a scan.
    if (this.longest.length === KEPT && pause.ms <= this.shortestKept) return;
    if (this.longest.length < KEPT) this.longest.push(pause);
    else this.longest[this.longest.findIndex((p) => p.ms === this.shortestKept)] = pause;
    if (this.longest.length === KEPT) {
      this.shortestKept = Math.min(...this.longest.map((p) => p.ms));
    }
  }

  /** The shortest of the kept pauses, once KEPT are kept. */
  private shortestKept = 0;

  /** The upper bound of the bucket that holds the given quantile. Example: 0.9 → 256 (ms). */
  quantile(q: number): number {
    const target = Math.ceil(this.count * q);
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.histogram[b]!;
      if (seen >= target) return 2 ** b;
    }
    return 2 ** (BUCKETS - 1);
  }

  /** Pauses at least `ms` long, longest first, ties by position. */
  longerThan(ms: number): Pause[] {
    return this.longest
      .filter((p) => p.ms >= ms)
      .sort((a, b) => b.ms - a.ms || (a.from.line ?? 0) - (b.from.line ?? 0));
  }
}

/** What makes a pause in an audit log a gap. */
export interface GapJudgement {
  /** A pause shorter than this is never a gap, however regular the log. */
  minGapMs: number;
  /** A gap is this many times the log's 90th-percentile pause. */
  factor: number;
  /** Pauses a log must have before its usual pace is known. */
  minPauses: number;
  /**
   * A log whose usual pause is longer is a filtered extract (one user, one
   * resource), where silence means nothing: a whole log of a live cluster
   * never rests a minute, as every node renews its lease each 10 s.
   */
  maxUsualMs: number;
}

export const GAP_JUDGEMENT: GapJudgement = {
  minGapMs: 15 * 60_000,
  factor: 20,
  minPauses: 100,
  maxUsualMs: 60_000,
};

/**
 * The pauses of one log that are gaps: far longer than its own pace, in a
 * log busy enough to have a pace at all. A filtered extract (one user, one
 * resource) or a short sample has none: there, silence means nothing.
 */
export function gapsIn(pauses: PauseStats, rule: GapJudgement): { gaps: Pause[]; usual: number } {
  if (pauses.count < rule.minPauses) return { gaps: [], usual: 0 };
  const usual = pauses.quantile(0.9);
  if (usual > rule.maxUsualMs) return { gaps: [], usual };
  const threshold = Math.max(rule.minGapMs, usual * rule.factor);
  return { gaps: pauses.longerThan(threshold), usual };
}

function bucketOf(ms: number): number {
  if (ms <= 1) return 0;
  return Math.min(BUCKETS - 1, Math.ceil(Math.log2(ms)));
}
