import { stat } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { EvidenceFile } from '../evidence/paths.js';
import type { InputSet } from '../readers/inputs.js';
import type { Io } from './io.js';
import type { Verbosity } from './log.js';

/** How often the bar is redrawn. */
const TICK_MS = 200;

/**
 * A progress bar of bytes read, on stderr, only when stderr is a terminal
 * and --quiet was not given. Returns the function that removes it.
 */
export async function showProgress(
  io: Io,
  verbosity: Verbosity,
  files: EvidenceFile[],
  inputs: InputSet,
): Promise<() => void> {
  if (io.stderr.isTTY !== true || verbosity === 'quiet') return () => undefined;
  const total = await totalBytes(files);
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr,
      format: 'reading evidence {bar} {percentage}% | {done} of {size} MiB',
      clearOnComplete: true,
      hideCursor: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(1, total), 0, { done: '0', size: mib(total) });
  const timer = setInterval(() => {
    const done = inputs.bytesRead();
    bar.update(Math.min(done, total), { done: mib(done) });
  }, TICK_MS);
  return () => {
    clearInterval(timer);
    bar.stop();
  };
}

/** Sizes of the files given; stdin counts for nothing, since its size is unknown. */
async function totalBytes(files: EvidenceFile[]): Promise<number> {
  let total = 0;
  for (const f of files) {
    if (f.stdin || f.unreadable) continue;
    total += (await stat(f.path).catch(() => null))?.size ?? 0;
  }
  return total;
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
