import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Observation } from '../../../src/model/observation.js';
import { openInputs } from '../../../src/readers/inputs.js';
import { newStats, type InputStats } from '../../../src/readers/run.js';

/** What reading one input gave: its format (or skip reason), observations and counts. */
export interface ReadResult {
  format: string;
  skip: string | null;
  observations: Observation[];
  stats: InputStats;
}

/** Opens a file as the CLI does, identifies it, and reads it whole. */
export async function readPath(path: string): Promise<ReadResult> {
  const inputs = await openInputs([{ path, stdin: false }], () => {});
  const observations: Observation[] = [];
  for (const stream of inputs.streams) {
    // A reader yields an observation or a batch of them.
    for await (const out of stream) observations.push(...(Array.isArray(out) ? out : [out]));
  }
  const [skipped] = inputs.skipped;
  if (skipped) {
    const stats = newStats(path, 'unknown');
    return { format: 'unknown', skip: skipped.reason, observations, stats };
  }
  const stats = inputs.read[0]!.stats;
  return { format: stats.format, skip: null, observations, stats };
}

let folder: string | null = null;

/** Writes a small fixture under a fresh temporary folder and reads it. */
export async function readText(name: string, content: string | Buffer): Promise<ReadResult> {
  folder ??= await mkdtemp(join(tmpdir(), 'stowaway-docker-'));
  const path = join(folder, basename(name));
  await writeFile(path, content);
  return readPath(path);
}

/** JSON lines from objects. */
export function jsonl(...records: unknown[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** Observations of one kind, typed. */
export function ofKind<K extends Observation['kind']>(
  result: ReadResult,
  kind: K,
): Extract<Observation, { kind: K }>[] {
  return result.observations.filter((o): o is Extract<Observation, { kind: K }> => o.kind === kind);
}
