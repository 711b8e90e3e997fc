import type { ApiObservation } from '../../../../model/observation.js';
import type { Source } from '../../../../model/source.js';

/** What makes a burst: `threshold` requests (or distinct items) within `windowMs`. */
export interface BurstOptions {
  threshold: number;
  /** Milliseconds. */
  windowMs: number;
  /**
   * Count distinct items (secret names) rather than requests: reading one
   * Secret twenty times is a loop, reading twenty Secrets is a sweep.
   */
  distinct: boolean;
}

/** One burst of one key, as reported when it ends. */
export interface Burst {
  key: string;
  first: ApiObservation;
  last: ApiObservation;
  /** Requests in the burst. */
  count: number;
  /** Distinct items seen, up to MAX_ITEMS. */
  items: Set<string>;
  sources: Source[];
}

export type OnBurst = (burst: Burst) => void;

/**
 * NOTE: memory is bounded for logs of any size: at most MAX_KEYS keys are
 * tracked (the least recently seen is dropped, its open burst reported
 * first), and a burst keeps its first MAX_EVIDENCE records and MAX_ITEMS
 * names while it counts the rest.
 */
const MAX_KEYS = 10_000;
const MAX_EVIDENCE = 1000;
const MAX_ITEMS = 1000;

interface Pending {
  ts: number;
  item: string;
  obs: ApiObservation;
}

interface Track {
  recent: Pending[];
  burst: Burst | null;
  lastTs: number;
}

/**
 * Sliding-window bursts per key (an identity, an address). A burst opens
 * when the window holds `threshold` requests or items, and lasts while
 * requests keep coming less than a window apart; it is reported when it
 * ends, so one incident is one finding however long it runs.
 */
export class BurstTracker {
  private readonly tracks = new Map<string, Track>();

  constructor(private readonly options: BurstOptions) {}

  /** Counts one dated request; `item` names what it touched. */
  add(key: string, item: string, obs: ApiObservation, onBurst: OnBurst): void {
    if (obs.ts === null) return;
    const track = this.track(key, onBurst);
    if (track.burst && obs.ts - track.lastTs > this.options.windowMs) {
      this.close(track, onBurst);
    }
    track.lastTs = Math.max(track.lastTs, obs.ts);
    if (track.burst) {
      extend(track.burst, item, obs);
      return;
    }
    this.remember(track, { ts: obs.ts, item, obs });
    if (track.recent.length >= this.options.threshold) track.burst = open(key, track);
  }

  /** Reports every burst still open at the end of the evidence. */
  finish(onBurst: OnBurst): void {
    for (const track of this.tracks.values()) if (track.burst) this.close(track, onBurst);
  }

  /** The key's track, moved to the back so the front is always the least recently seen. */
  private track(key: string, onBurst: OnBurst): Track {
    let track = this.tracks.get(key);
    if (track) this.tracks.delete(key);
    else track = { recent: [], burst: null, lastTs: 0 };
    this.tracks.set(key, track);
    if (this.tracks.size > MAX_KEYS) {
      const [oldest, dropped] = this.tracks.entries().next().value as [string, Track];
      if (dropped.burst) this.close(dropped, onBurst);
      this.tracks.delete(oldest);
    }
    return track;
  }

  /** Keeps the window's requests: those within windowMs of the newest, one per item if distinct. */
  private remember(track: Track, pending: Pending): void {
    const since = pending.ts - this.options.windowMs;
    let recent = track.recent.filter((p) => p.ts >= since);
    if (this.options.distinct) recent = recent.filter((p) => p.item !== pending.item);
    recent.push(pending);
    // Only the newest `threshold` entries can open a burst; older ones are never needed.
    track.recent = recent.slice(-this.options.threshold);
  }

  private close(track: Track, onBurst: OnBurst): void {
    const burst = track.burst!;
    track.burst = null;
    track.recent = [];
    onBurst(burst);
  }
}

function open(key: string, track: Track): Burst {
  const first = track.recent[0]!;
  const burst: Burst = {
    key,
    first: first.obs,
    last: first.obs,
    count: 0,
    items: new Set(),
    sources: [],
  };
  for (const p of track.recent) extend(burst, p.item, p.obs);
  track.recent = [];
  return burst;
}

function extend(burst: Burst, item: string, obs: ApiObservation): void {
  burst.count += 1;
  burst.last = obs;
  if (burst.items.size < MAX_ITEMS) burst.items.add(item);
  if (burst.sources.length < MAX_EVIDENCE) burst.sources.push(obs.source);
}

/** Seconds from a burst's first request to its last. Example: 42. */
export function burstSeconds(burst: Burst): number {
  return Math.round(((burst.last.ts ?? 0) - (burst.first.ts ?? 0)) / 1000);
}

/** A few names of a set, then how many more. Example: "dev/db, dev/api and 8 more". */
export function someOf(items: Iterable<string>, shown = 5): string {
  const all = [...items];
  const head = all.slice(0, shown).join(', ');
  return all.length > shown ? `${head} and ${all.length - shown} more` : head;
}
