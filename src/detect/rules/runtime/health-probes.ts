import type { LifecycleObservation } from '../../../model/observation.js';

/**
 * Execs the runtime ran for a container's HEALTHCHECK, not a person. Docker
 * runs each check as an exec, so an export is full of exec_create and
 * exec_start events for `curl -f http://localhost/ || exit 1`, next to
 * health_status events. An exec is taken for a probe when its container
 * reports health and the same command ran there at least PROBE_RUNS times,
 * or, without health events, when it ran at least REGULAR_RUNS times at a
 * steady interval.
 * NOTE: an intruder who repeats one command in a container with a health
 * check, or on a steady clock, passes for a probe.
 */
export class HealthProbes {
  private readonly healthReported = new Set<string>();
  /** Seconds each command ran in each container. Key: container, NUL, command. */
  private readonly runs = new Map<string, Set<number>>();

  observe(obs: LifecycleObservation): void {
    const container = containerOf(obs);
    if (container === null) return;
    if (obs.action === 'health_status') {
      if (this.healthReported.size < MAX_KEYS) this.healthReported.add(container);
      return;
    }
    if (!obs.action.startsWith('exec') || obs.detail === null || obs.ts === null) return;
    const key = `${container}\u0000${obs.detail}`;
    let seconds = this.runs.get(key);
    if (!seconds) {
      if (this.runs.size >= MAX_KEYS) return;
      this.runs.set(key, (seconds = new Set()));
    }
    // exec_create and exec_start of one run fall in the same second.
    if (seconds.size < MAX_RUNS) seconds.add(Math.floor(obs.ts / 1000));
  }

  /** Whether an exec is a health probe; ask once every observation has been seen. */
  isProbe(obs: LifecycleObservation): boolean {
    const container = containerOf(obs);
    if (container === null || obs.detail === null) return false;
    const seconds = this.runs.get(`${container}\u0000${obs.detail}`);
    if (!seconds) return false;
    if (this.healthReported.has(container) && seconds.size >= PROBE_RUNS) return true;
    return seconds.size >= REGULAR_RUNS && steady([...seconds].sort((a, b) => a - b));
  }
}

const PROBE_RUNS = 3;
const REGULAR_RUNS = 5;
const MAX_KEYS = 50_000;
const MAX_RUNS = 1000;

function containerOf(obs: LifecycleObservation): string | null {
  return obs.container?.slice(0, 12) ?? obs.name;
}

/** Intervals within a fifth of their mean: a timer, not a person typing. */
function steady(seconds: number[]): boolean {
  const gaps = seconds.slice(1).map((s, i) => s - seconds[i]!);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  return mean > 0 && gaps.every((g) => Math.abs(g - mean) <= mean / 5 + 1);
}
