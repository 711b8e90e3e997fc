import type { LifecycleObservation, Observation } from '../../../model/observation.js';
import type { Source } from '../../../model/source.js';
import type { Emit, RuleInstance, RuleLogic } from '../../rule.js';
import { HealthProbes } from './health-probes.js';

export interface PauseOptions {
  /** A pause longer than this is reported even with nothing seen during it. Milliseconds. */
  longMs: number;
}

export const PAUSE_DEFAULTS: PauseOptions = { longMs: 10 * 60_000 };

/**
 * What an intruder does while a watcher is frozen: run commands in
 * containers, start new ones, copy data in or out, bring images in.
 * Container verbs, and image verbs with the "type:image" note.
 */
const ACTIVITY: ReadonlySet<string> = new Set([
  'exec_create',
  'exec_start',
  'exec',
  'create',
  'commit',
  'export',
  'archive-path',
  'extract-to-dir',
]);
const IMAGE_ACTIVITY: ReadonlySet<string> = new Set(['load', 'import', 'build']);

/** NOTE: pauses open at once, and activity kept per pause, are capped against hostile input. */
const MAX_OPEN = 10_000;
const MAX_ACTIVITY = 20;

interface Pause {
  paused: LifecycleObservation;
  /** What happened elsewhere meanwhile, judged when the pause ends. */
  activity: LifecycleObservation[];
}

/**
 * A container frozen while something else happens on the host: `docker
 * pause` on a monitoring agent stops it seeing without stopping it, so
 * nothing says it died. Reports a pause with activity between it and its
 * unpause (or the end of the export), and any pause longer than ten minutes.
 */
export function pauseRule(options: PauseOptions = PAUSE_DEFAULTS): RuleLogic {
  return {
    id: 'runtime-pause-around-activity',
    kinds: ['lifecycle'],
    create: () => new PauseActivity(options),
  };
}

export const runtimePauseAroundActivity: RuleLogic = pauseRule();

class PauseActivity implements RuleInstance {
  private readonly open = new Map<string, Pause>();
  private readonly probes = new HealthProbes();
  private lastTs: number | null = null;

  constructor(private readonly options: PauseOptions) {}

  observe(obs: Observation, emit: Emit): void {
    if (obs.kind !== 'lifecycle' || obs.runtime === 'kubernetes' || obs.ts === null) return;
    this.lastTs = obs.ts;
    this.probes.observe(obs);
    const id = obs.container?.slice(0, 12) ?? null;
    if (isActivity(obs)) this.note(obs, id);
    if (id === null || objectType(obs) !== null) return;
    if (obs.action === 'pause' && this.open.size < MAX_OPEN) {
      this.open.set(id, { paused: obs, activity: [] });
    } else if (obs.action === 'unpause' || obs.action === 'die' || obs.action === 'destroy') {
      const pause = this.open.get(id);
      if (!pause) return;
      this.open.delete(id);
      this.judge(pause, obs.ts, obs.source, emit);
    }
  }

  finish(emit: Emit): void {
    for (const pause of this.open.values()) this.judge(pause, this.lastTs, null, emit);
  }

  /** Activity in any other container counts for every pause open now. */
  private note(obs: LifecycleObservation, id: string | null): void {
    for (const [paused, pause] of this.open) {
      if (paused === id || pause.activity.length >= MAX_ACTIVITY) continue;
      pause.activity.push(obs);
    }
  }

  private judge(pause: Pause, endTs: number | null, end: Source | null, emit: Emit): void {
    const { paused } = pause;
    const ms = endTs === null ? 0 : endTs - paused.ts!;
    const long = ms > this.options.longMs;
    // Health probes of other containers run on their own clock: they are no cover.
    const acts = pause.activity.filter((a) => !this.probes.isProbe(a));
    if (acts.length === 0 && !long) return;
    const what = new Set(
      acts.map((a) => `${a.action} ${a.name ?? a.image ?? a.detail ?? ''}`.trim()),
    );
    const name = paused.name ?? paused.container!.slice(0, 12);
    const minutes = (ms / 60_000).toFixed(1);
    const during = [...what].slice(0, 5).join(', ');
    const state = end === null ? 'still paused at the end of the export' : `paused ${minutes} min`;
    emit(
      {
        subject: { containerId: paused.container, containerName: paused.name, pod: paused.pod },
        summary: during ? `${name} was ${state}; meanwhile: ${during}` : `${name} was ${state}`,
        evidence: [paused.source, ...acts.map((a) => a.source), ...(end ? [end] : [])],
        key: paused.time ?? String(paused.ts),
        vars: { container: name, minutes, during: during || 'nothing recorded' },
      },
      paused,
    );
  }
}

function isActivity(obs: LifecycleObservation): boolean {
  const type = objectType(obs);
  if (type === null) return ACTIVITY.has(obs.action);
  return type === 'image' && IMAGE_ACTIVITY.has(obs.action);
}

/** The object type of a non-container event, from its note. Example: "type:image" → "image". */
function objectType(obs: LifecycleObservation): string | null {
  const note = (obs.notes ?? []).find((n) => n.startsWith('type:'));
  return note === undefined ? null : note.slice('type:'.length);
}
