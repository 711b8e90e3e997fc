import { open, stat } from 'node:fs/promises';
import { UserError } from '../util/errors.js';
import type { Io } from './io.js';

/**
 * Writes the report to stdout, or to `--output FILE`. An existing file is
 * never overwritten without `--force`: it may be earlier evidence.
 */
export async function writeReport(
  text: string,
  io: Io,
  output: string | undefined,
  force: boolean,
): Promise<void> {
  if (!output || output === '-') {
    await new Promise<void>((resolve, reject) =>
      io.stdout.write(text, (err) => (err ? reject(err) : resolve())),
    );
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
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}
