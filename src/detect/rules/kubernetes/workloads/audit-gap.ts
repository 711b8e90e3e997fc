import type { ApiObservation, Observation } from '../../../../model/observation.js';
import type { Source } from '../../../../model/source.js';
import type { Emit, Hit, RuleInstance, RuleLogic } from '../../../rule.js';
import { GAP_JUDGEMENT, gapsIn, PauseStats, type GapJudgement } from './gap-stats.js';

export interface GapOptions extends GapJudgement {
  /** How far a record may step back in time before it counts (writers race a little). */
  backwardsMs: number;
}

export const GAP_DEFAULTS: GapOptions = { ...GAP_JUDGEMENT, backwardsMs: 60_000 };

/** The note the audit reader puts on a finished request logged again. */
const DUPLICATE = 'duplicate-audit-id';
/** Evidence kept per finding. */
const MAX_EVIDENCE = 20;

interface Track {
  path: string;
  last: ApiObservation | null;
  /** The record furthest down the file so far; a later arrival above it went back in time. */
  furthest: ApiObservation | null;
  pauses: PauseStats;
  duplicates: { count: number; sources: Source[]; ids: string[] };
  backwards: { count: number; worstMs: number; sources: Source[]; time: string | null };
}

/**
 * Holes and seams in one audit log: a silence far longer than the log's own
 * pace, the same auditID logged twice for a finished request, records that
 * go back in time down the file. Each is what deleting, splicing or
 * replaying audit records leaves behind. One finding per file and kind; a
 * telemetry-blackout check reads them beside the other sources.
 */
export function auditGapRule(options: GapOptions = GAP_DEFAULTS): RuleLogic {
  return { id: 'k8s-audit-log-gap', kinds: ['api'], create: () => new AuditGaps(options) };
}

export const k8sAuditLogGap: RuleLogic = auditGapRule();

class AuditGaps implements RuleInstance {
  private readonly tracks = new Map<string, Track>();

  constructor(private readonly options: GapOptions) {}

  observe(obs: Observation): void {
    if (obs.kind !== 'api' || obs.ts === null) return;
    const track = this.track(obs.source.path);
    this.checkDuplicate(track, obs);
    this.checkOrder(track, obs);
    const last = track.last;
    if (last !== null && obs.ts >= last.ts!) {
      track.pauses.add({
        ms: obs.ts - last.ts!,
        fromTime: last.time,
        toTime: obs.time,
        from: last.source,
        to: obs.source,
      });
    }
    if (last === null || obs.ts >= last.ts!) track.last = obs;
  }

  finish(emit: Emit): void {
    for (const track of this.tracks.values()) {
      for (const hit of this.gapHits(track)) emit(hit);
      if (track.duplicates.count > 0) emit(duplicateHit(track));
      if (track.backwards.count > 0) emit(backwardsHit(track));
    }
  }

  private track(path: string): Track {
    let track = this.tracks.get(path);
    if (!track) {
      track = {
        path,
        last: null,
        furthest: null,
        pauses: new PauseStats(),
        duplicates: { count: 0, sources: [], ids: [] },
        backwards: { count: 0, worstMs: 0, sources: [], time: null },
      };
      this.tracks.set(path, track);
    }
    return track;
  }

  /**
   * The audit reader remembers the requests it gave out and notes one logged
   * again under the same auditID and arrival time.
   */
  private checkDuplicate(track: Track, obs: ApiObservation): void {
    if (obs.notes === undefined || !obs.notes.includes(DUPLICATE)) return;
    const dup = track.duplicates;
    dup.count += 1;
    if (dup.sources.length < MAX_EVIDENCE) dup.sources.push(obs.source);
    if (dup.ids.length < 3 && obs.auditID !== null) dup.ids.push(obs.auditID);
  }

  /**
   * Records arrive in time order; a record that arrives after one further
   * down the file stood above it with a later time. A log too disordered
   * for the replay to sort shows the step directly.
   */
  private checkOrder(track: Track, obs: ApiObservation): void {
    const line = obs.source.line ?? 0;
    const furthest = track.furthest;
    if (furthest === null || line > (furthest.source.line ?? 0)) {
      const last = track.last;
      if (last !== null && obs.ts! < last.ts!) this.stepBack(track, last.ts! - obs.ts!, last, obs);
      track.furthest = obs;
      return;
    }
    this.stepBack(track, obs.ts! - furthest.ts!, obs, furthest);
  }

  private stepBack(track: Track, ms: number, upper: ApiObservation, lower: ApiObservation): void {
    if (ms <= this.options.backwardsMs) return;
    const back = track.backwards;
    back.count += 1;
    if (back.sources.length < MAX_EVIDENCE) back.sources.push(upper.source, lower.source);
    if (ms > back.worstMs) {
      back.worstMs = ms;
      back.time = upper.time;
    }
  }

  private gapHits(track: Track): Hit[] {
    const { gaps, usual } = gapsIn(track.pauses, this.options);
    return gaps.map((p) => ({
      subject: {},
      summary:
        `audit log ${track.path} is silent for ${duration(p.ms)} from ${p.fromTime} ` +
        `to ${p.toTime} (its usual pause is under ${duration(usual)})`,
      key: `gap:${p.fromTime}`,
      time: p.fromTime,
      evidence: [p.from, p.to],
      vars: { file: track.path, from: p.fromTime ?? '?', to: p.toTime ?? '?' },
    }));
  }
}

function duplicateHit(track: Track): Hit {
  const dup = track.duplicates;
  return {
    subject: {},
    summary:
      `audit log ${track.path} logs ${dup.count} finished request(s) twice ` +
      `(auditID ${dup.ids.join(', ')})`,
    key: 'duplicate-audit-ids',
    time: null,
    evidence: dup.sources,
    vars: { file: track.path, from: 'the first duplicate', to: 'the last one' },
  };
}

function backwardsHit(track: Track): Hit {
  const back = track.backwards;
  return {
    subject: {},
    summary:
      `audit log ${track.path} goes back in time ${back.count} time(s), ` +
      `by up to ${duration(back.worstMs)}`,
    key: 'backwards',
    time: back.time,
    evidence: back.sources,
    vars: { file: track.path, from: back.time ?? '?', to: 'the records after it' },
  };
}

/** Example: 125_000 → "2 min 5 s", 5_400_000 → "1 h 30 min". */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.floor(s / 60);
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}
