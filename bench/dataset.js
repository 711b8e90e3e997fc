// The benchmark's input: a synthetic audit log of a given size, generated once
// and cached under bench/data/ (git-ignored). Run alone to (re)generate it:
//   BENCH_MB=5 node bench/dataset.js

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditEvents } from './audit-events.js';

/**
 * Bump when the generator's output changes: the version is part of the
 * cached file's name, so a stale file is never timed by mistake.
 */
export const GENERATOR_VERSION = 1;
const SEED = 20240506;
/** Lines are written in blocks of about this size, to keep write calls few. */
const BLOCK_CHARS = 1 << 20;

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');

/**
 * The cached file for `megabytes`, generated first when missing.
 * @returns {Promise<{ path: string, bytes: number, generatedSeconds: number | null }>}
 *   generatedSeconds is null when the cached file was reused.
 */
export async function ensureDataset(megabytes) {
  const name = `k8s-audit-${megabytes}mb-v${GENERATOR_VERSION}.jsonl`;
  const path = join(DATA_DIR, name);
  const cached = await stat(path).catch(() => null);
  if (cached) return { path, bytes: cached.size, generatedSeconds: null };
  await mkdir(DATA_DIR, { recursive: true });
  await removeStale();
  const started = performance.now();
  // Written under a temporary name and renamed at the end: an interrupted run
  // leaves no truncated file that a later run would take as complete.
  const partial = `${path}.partial`;
  const bytes = await writeEvents(partial, megabytes * 1024 * 1024);
  await rename(partial, path);
  return { path, bytes, generatedSeconds: (performance.now() - started) / 1000 };
}

/** Streams events until `target` bytes are written; returns the bytes written. */
async function writeEvents(path, target) {
  const out = createWriteStream(path);
  const events = new AuditEvents(SEED);
  let written = 0;
  while (written < target) {
    const block = nextBlock(events);
    written += Buffer.byteLength(block);
    // Honour backpressure so that memory stays flat whatever the target size.
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return written;
}

function nextBlock(events) {
  const lines = [];
  let chars = 0;
  while (chars < BLOCK_CHARS) {
    const line = events.nextLine();
    lines.push(line);
    chars += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

/** Files of older generator versions, or partial writes, are 200 MB each of dead weight. */
async function removeStale() {
  const names = await readdir(DATA_DIR).catch(() => []);
  for (const name of names) {
    const stale = name.startsWith('k8s-audit-') && !name.endsWith(`-v${GENERATOR_VERSION}.jsonl`);
    if (stale || name.endsWith('.partial')) await rm(join(DATA_DIR, name), { force: true });
  }
}

/** BENCH_MB from the environment, default 200 (the size the aims are stated for). */
export function sizeFromEnv(env = process.env) {
  const raw = env.BENCH_MB ?? '200';
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 1) {
    throw new Error(`BENCH_MB must be a whole number of at least 1, got "${raw}"`);
  }
  return mb;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const set = await ensureDataset(sizeFromEnv());
  const secs = set.generatedSeconds;
  const how = secs === null ? 'cached' : `generated in ${secs.toFixed(1)} s`;
  console.log(`${set.path}: ${(set.bytes / 1e6).toFixed(1)} MB, ${how}`);
}
