import { arr, num, obj } from '../../../util/text.js';
import { parseTime } from '../../../util/time.js';

/**
 * The docker CLI's arithmetic over Engine API stats counters, so that our
 * numbers match what `docker stats` would have shown for the same sample.
 */

/**
 * CPU percent between the previous sample (precpu_stats) and this one:
 * delta of the container's total usage over delta of the host's, times the
 * online CPUs, times 100. A first sample has no previous one (its preread
 * is the zero time and its precpu_stats carry no system usage): null.
 * Windows has no system usage: its counters are 100 ns intervals over the
 * time between preread and read, on `num_procs` processors.
 */
export function cpuPercent(sample: Record<string, unknown>): number | null {
  const cpu = obj(sample.cpu_stats);
  const pre = obj(sample.precpu_stats);
  const total = num(obj(cpu?.cpu_usage)?.total_usage);
  const preTotal = num(obj(pre?.cpu_usage)?.total_usage);
  if (total === null || preTotal === null || total < preTotal) return null;
  const system = num(cpu?.system_cpu_usage);
  if (system === null) return windowsPercent(sample, total - preTotal);
  const preSystem = num(pre?.system_cpu_usage);
  if (preSystem === null || preSystem <= 0 || system <= preSystem) return null;
  const cpus = num(cpu?.online_cpus) ?? (arr(obj(cpu?.cpu_usage)?.percpu_usage).length || null);
  if (cpus === null || cpus <= 0) return null;
  return round(((total - preTotal) / (system - preSystem)) * cpus * 100);
}

function windowsPercent(sample: Record<string, unknown>, used: number): number | null {
  const read = parseTime(sample.read);
  const preread = parseTime(sample.preread);
  const procs = num(sample.num_procs);
  if (!read || !preread || procs === null || procs <= 0) return null;
  // Milliseconds to 100 ns intervals: 1 ms is 10,000 of them.
  const possible = (read.ms - preread.ms) * 1e4 * procs;
  return possible > 0 ? round((used / possible) * 100) : null;
}

/**
 * Memory in use, as `docker stats` counts it: usage less the inactive page
 * cache (cgroup v1 total_inactive_file, v2 inactive_file), or less `cache`
 * for daemons that report neither. Windows reports privateworkingset.
 */
export function memoryBytes(memory: Record<string, unknown> | null): number | null {
  if (memory === null) return null;
  const usage = num(memory.usage);
  if (usage === null) return num(memory.privateworkingset);
  const stats = obj(memory.stats);
  const inactive =
    num(stats?.total_inactive_file) ?? num(stats?.inactive_file) ?? num(stats?.cache);
  return inactive !== null && inactive < usage ? usage - inactive : usage;
}

/** Bytes received and sent, summed over the container's networks. */
export function networkTotals(networks: unknown): [number | null, number | null] {
  const list = Object.values(obj(networks) ?? {}).map(obj);
  if (list.length === 0) return [null, null];
  let rx = 0;
  let tx = 0;
  for (const network of list) {
    rx += num(network?.rx_bytes) ?? 0;
    tx += num(network?.tx_bytes) ?? 0;
  }
  return [rx, tx];
}

/** Four decimals: more than any CLI shows, and stable across platforms. */
function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
