import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

export const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared evidence folder, or null when this checkout has none beside it. */
export function evidenceDir(): string | null {
  const dir = process.env.STOWAWAY_EVIDENCE ?? resolve(PROJECT, '../shared/evidence');
  return existsSync(dir) ? dir : null;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in memory, as bin/ would, capturing both channels. */
export async function runCli(
  args: string[],
  options: {
    stdin?: string;
    stdinTty?: boolean;
    env?: NodeJS.ProcessEnv;
    tty?: boolean;
    stderrTty?: boolean;
  } = {},
): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const io: Io = {
    stdout: Object.assign(stdout, { isTTY: options.tty ?? false, columns: 120 }),
    stderr: Object.assign(stderr, { isTTY: options.stderrTty ?? false }),
    stdin: Object.assign(Readable.from([Buffer.from(options.stdin ?? '')]), {
      isTTY: options.stdinTty ?? false,
    }),
    env: options.env ?? {},
  };
  const code = await run(args, io);
  return {
    code,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
  };
}
