import type { LifecycleObservation, Observation, PodRef } from '../../../model/observation.js';
import type { Source } from '../../../model/source.js';
import type { Emit, RuleInstance, RuleLogic } from '../../rule.js';

export interface StormOptions {
  /** Deaths within the window that make a storm. */
  threshold: number;
  /** Milliseconds. */
  windowMs: number;
}

export const STORM_DEFAULTS: StormOptions = { threshold: 5, windowMs: 120_000 };

/**
 * A restart this soon after a die reports that same death: Podman writes
 * died then restart; `docker restart` writes kill, die, stop, start, restart.
 */
const SAME_DEATH_MS = 10_000;

/** Two records of one death less than this apart (two exports of one daemon) are one death. */
const SAME_MOMENT_MS = 1;

/**
 * Deaths kept per storm, and records kept per death, for evidence.
 * NOTE: a storm of thousands keeps its first thousand deaths and counts the rest.
 */
const MAX_EVIDENCE = 1000;
const MAX_RECORDS_PER_DEATH = 8;

/** One death of a container, and every record that reported it. */
interface Death {
  first: LifecycleObservation;
  ts: number;
  sources: Source[];
  exitCode: number | null;
}

interface Storm {
  deaths: Death[];
  count: number;
  lastTs: number;
}

interface Track {
  recent: Death[];
  last: Death | null;
  lastDieTs: number | null;
  name: string | null;
  pod: PodRef | null;
  storm: Storm | null;
}

/** Builds the rule with its own threshold and window (tests, tuned packs). */
export function restartStormRule(options: StormOptions = STORM_DEFAULTS): RuleLogic {
  return {
    id: 'container-restart-storm',
    kinds: ['lifecycle'],
    create: () => new RestartStorm(options),
  };
}

export const containerRestartStorm: RuleLogic = restartStormRule();

class RestartStorm implements RuleInstance {
  private readonly tracks = new Map<string, Track>();

  constructor(private readonly options: StormOptions) {}

  observe(obs: Observation, emit: Emit): void {
    if (obs.kind !== 'lifecycle' || obs.ts === null || !obs.container) return;
    if (obs.action !== 'die' && obs.action !== 'restart') return;
    const track = this.track(obs.container);
    track.name = obs.name ?? track.name;
    track.pod = obs.pod ?? track.pod;
    if (absorbed(track, obs)) return;
    if (track.storm && obs.ts - track.storm.lastTs > this.options.windowMs) {
      this.report(obs.container, track, emit);
    }
    const death: Death = { first: obs, ts: obs.ts, sources: [obs.source], exitCode: obs.exitCode };
    track.last = death;
    if (track.storm) {
      addTo(track.storm, death);
      return;
    }
    // The last `threshold` deaths are all a storm needs: it opens when they fit in one window.
    track.recent.push(death);
    if (track.recent.length > this.options.threshold) track.recent.shift();
    const full = track.recent.length === this.options.threshold;
    if (full && death.ts - track.recent[0]!.ts <= this.options.windowMs) {
      track.storm = startStorm(track.recent);
    }
  }

  finish(emit: Emit): void {
    for (const [container, track] of this.tracks) {
      if (track.storm) this.report(container, track, emit);
    }
  }

  private track(container: string): Track {
    let track = this.tracks.get(container);
    if (!track) {
      track = { recent: [], last: null, lastDieTs: null, name: null, pod: null, storm: null };
      this.tracks.set(container, track);
    }
    return track;
  }

  private report(container: string, track: Track, emit: Emit): void {
    const storm = track.storm!;
    track.storm = null;
    track.recent = [];
    const first = storm.deaths[0]!.first;
    const label = track.name ?? container.slice(0, 12);
    const seconds = Math.round((storm.lastTs - first.ts!) / 1000);
    const codes = exitCodes(storm.deaths);
    emit(
      {
        subject: { containerId: container, containerName: track.name, pod: track.pod },
        summary:
          `${label} died or restarted ${storm.count} times in ${seconds} s ` +
          `(exit codes: ${codes})`,
        evidence: storm.deaths.flatMap((d) => d.sources),
        key: first.time ?? String(first.ts),
        vars: {
          count: String(storm.count),
          first: first.time ?? 'the first death',
          exitCodes: codes,
          logs: `docker logs --timestamps ${label}`,
        },
      },
      first,
    );
  }
}

/**
 * Whether `obs` reports the container's last death again (a restart just
 * after a die, or the same event from a second export); its record then
 * joins that death's evidence.
 */
function absorbed(track: Track, obs: LifecycleObservation): boolean {
  const ts = obs.ts!;
  const sinceDie = track.lastDieTs === null ? Infinity : ts - track.lastDieTs;
  if (obs.action === 'die') track.lastDieTs = ts;
  const last = track.last;
  if (!last) return false;
  const echo = obs.action === 'restart' && sinceDie <= SAME_DEATH_MS;
  const twice = last.first.action === obs.action && Math.abs(ts - last.ts) < SAME_MOMENT_MS;
  if (!echo && !twice) return false;
  if (last.sources.length < MAX_RECORDS_PER_DEATH) last.sources.push(obs.source);
  last.exitCode ??= obs.exitCode;
  return true;
}

function startStorm(recent: Death[]): Storm {
  const storm: Storm = { deaths: [], count: 0, lastTs: 0 };
  for (const death of recent) addTo(storm, death);
  return storm;
}

function addTo(storm: Storm, death: Death): void {
  storm.count += 1;
  storm.lastTs = death.ts;
  if (storm.deaths.length < MAX_EVIDENCE) storm.deaths.push(death);
}

/** Example: "1" or "1, 137"; "not recorded" when no record carried one. */
function exitCodes(deaths: Death[]): string {
  const codes = new Set(deaths.map((d) => d.exitCode).filter((c): c is number => c !== null));
  return [...codes].sort((a, b) => a - b).join(', ') || 'not recorded';
}
