import { open, stat } from 'node:fs/promises';
import { UserError } from '../util/errors.js';
import type { Io } from './io.js';

/**
 * Writes the report to stdout, or to `--output FILE`. An existing file is
 * never overwritten without `--force`: it may be earlier evidence.
 */
export async function writeReport(
  pieces: Iterable<string>,
  io: Io,
  output: string | undefined,
  force: boolean,
): Promise<void> {
  if (!output || output === '-') {
    for (const chunk of chunks(pieces)) {
      await new Promise<void>((resolve, reject) =>
        io.stdout.write(chunk, (err) => (err ? reject(err) : resolve())),
      );
    }
    return;
  }
  let handle;
  try {
    handle = await open(output, force ? 'w' : 'wx');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' || (code === 'EEXIST' && (await isFolder(output)))) {
      throw new UserError(`${output} is a folder; give --output a file name`);
    }
    if (code === 'EEXIST') {
      throw new UserError(`${output} already exists; choose another --output or add --force`);
    }
    throw new UserError(`cannot write ${output} (${code ?? 'error'}); check the folder exists`);
  }
  try {
    for (const chunk of chunks(pieces)) await handle.write(chunk, null, 'utf8');
  } finally {
    await handle.close();
  }
}

/** Pieces gathered into writes of about 64 KiB: one write per finding would crawl. */
function* chunks(pieces: Iterable<string>): Iterable<string> {
  let buffer: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    buffer.push(piece);
    size += piece.length;
    if (size >= CHUNK) {
      yield buffer.join('');
      buffer = [];
      size = 0;
    }
  }
  if (buffer.length > 0) yield buffer.join('');
}

const CHUNK = 64 * 1024;

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}
