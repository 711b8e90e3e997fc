import type { Observation } from '../../../../model/observation.js';
import type { Source } from '../../../../model/source.js';
import type { Emit, RuleInstance, RuleLogic } from '../../../rule.js';

export interface GapOptions {
  /** Silence longer than this inside the window is a gap. Milliseconds. */
  gapMs: number;
  /** Events needed on each side, so that a gap lies inside the window, not at its edge. */
  around: number;
}

export const GAP_DEFAULTS: GapOptions = { gapMs: 30 * 60_000, around: 3 };

/**
 * NOTE: spans kept for the sweep; an export with more events is judged on
 * its first 200,000 (far more than an API server keeps: events live an hour).
 */
const MAX_SPANS = 200_000;
/** Gaps reported, longest first. */
const MAX_GAPS = 10;

interface Span {
  start: number;
  end: number;
  source: Source;
}

/**
 * A silence inside a Kubernetes Events export: events on both sides of it
 * but none during it, the way a `kubectl delete events` or a purge of the
 * events store looks. Each event covers its first to last sighting (the
 * kubelet folds repeats), so a long-running BackOff fills the time it spans.
 */
export function eventsGapRule(options: GapOptions = GAP_DEFAULTS): RuleLogic {
  return { id: 'kubectl-events-gap', kinds: ['lifecycle'], create: () => new EventsGap(options) };
}

export const kubectlEventsGap: RuleLogic = eventsGapRule();

class EventsGap implements RuleInstance {
  private readonly spans: Span[] = [];

  constructor(private readonly options: GapOptions) {}

  observe(obs: Observation): void {
    if (obs.kind !== 'lifecycle' || obs.runtime !== 'kubernetes' || obs.ts === null) return;
    if (this.spans.length >= MAX_SPANS) return;
    const first = obs.firstTime ? Date.parse(obs.firstTime) : NaN;
    const start = Number.isFinite(first) && first <= obs.ts ? first : obs.ts;
    this.spans.push({ start, end: obs.ts, source: obs.source });
  }

  finish(emit: Emit): void {
    const { around } = this.options;
    const spans = this.spans.sort((a, b) => a.start - b.start || a.end - b.end);
    const gaps = findGaps(spans, this.options.gapMs).filter(
      (g) => g.index >= around && spans.length - g.index >= around,
    );
    gaps.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
    for (const gap of gaps.slice(0, MAX_GAPS)) emit(hitOf(gap, spans));
  }
}

interface Gap {
  from: number;
  to: number;
  /** Index of the first span after the gap. */
  index: number;
  before: Source;
}

/** Silences between the sorted spans' running end and the next start. */
function findGaps(spans: Span[], gapMs: number): Gap[] {
  const gaps: Gap[] = [];
  let end = -Infinity;
  let last: Source | null = null;
  spans.forEach((span, index) => {
    if (last !== null && span.start - end > gapMs) {
      gaps.push({ from: end, to: span.start, index, before: last });
    }
    if (span.end >= end) {
      end = span.end;
      last = span.source;
    }
  });
  return gaps;
}

function hitOf(gap: Gap, spans: Span[]) {
  const from = new Date(gap.from).toISOString();
  const to = new Date(gap.to).toISOString();
  const minutes = Math.round((gap.to - gap.from) / 60_000);
  return {
    subject: {},
    summary: `no Kubernetes event for ${minutes} min, from ${from} to ${to}, inside the export`,
    evidence: [gap.before, spans[gap.index]!.source],
    time: from,
    key: from,
    vars: { from, to, minutes: String(minutes) },
  };
}
