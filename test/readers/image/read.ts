import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { openEvidence } from '../../../src/evidence/open.js';
import type { Observation, ObservationOf } from '../../../src/model/observation.js';
import { InputSet } from '../../../src/readers/inputs.js';
import { newStats, type InputStats } from '../../../src/readers/run.js';

/** What reading one input gave, through the registry as the CLI reads it. */
export interface Read {
  format: string;
  /** Why the input was skipped (a recognizer, or the reader giving it up), or null. */
  skip: string | null;
  observations: Observation[];
  stats: InputStats;
}

let folder: string | null = null;

/** Writes the bytes to a fresh temporary file and reads it. */
export async function readBytes(name: string, bytes: Buffer | string): Promise<Read> {
  folder ??= await mkdtemp(join(tmpdir(), 'stowaway-image-'));
  const path = join(folder, basename(name));
  await writeFile(path, bytes);
  return readFile(path);
}

export async function readFile(path: string): Promise<Read> {
  const inputs = new InputSet();
  await inputs.add(await openEvidence({ path, stdin: false }), () => {});
  const observations: Observation[] = [];
  for (const stream of inputs.streams) {
    for await (const out of stream) observations.push(...(Array.isArray(out) ? out : [out]));
  }
  const format = inputs.formatOf(path);
  const skipped = inputs.skipped[0];
  const stats = inputs.read[0]?.stats ?? newStats(path, format);
  return { format, skip: skipped?.reason ?? null, observations, stats };
}

export function ofKind<K extends Observation['kind']>(read: Read, kind: K): ObservationOf<K>[] {
  return read.observations.filter((o): o is ObservationOf<K> => o.kind === kind);
}

/** Entries of one image by path, for lookups. Example: files(read).get("/etc/motd"). */
export function files(read: Read, imageId?: string): Map<string, ObservationOf<'image-file'>> {
  const map = new Map<string, ObservationOf<'image-file'>>();
  for (const f of ofKind(read, 'image-file')) {
    if (!imageId || f.imageId === imageId) map.set(f.path, f);
  }
  return map;
}

/** All warning messages, joined, for matching. */
export function warnings(read: Read): string {
  return read.stats.warnings.map((w) => `${w.member ?? w.line ?? ''}: ${w.message}`).join('\n');
}
