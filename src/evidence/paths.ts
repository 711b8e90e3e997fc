import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../util/errors.js';

/** One input to read: a file as the user named it, or stdin. */
export interface EvidenceFile {
  /** As given on the command line, joined with what was found below it. */
  path: string;
  stdin: boolean;
}

export const STDIN_PATH = '-';

/**
 * Expands files, folders (recursively) and `-` into a sorted list of files,
 * so that the order of paths on the command line never changes the report.
 * Symbolic links to folders are not followed (a link loop would never end).
 */
export async function expandPaths(paths: string[]): Promise<EvidenceFile[]> {
  const found = new Map<string, EvidenceFile>();
  for (const p of paths) {
    if (p === STDIN_PATH) {
      found.set(p, { path: p, stdin: true });
      continue;
    }
    for (const file of await expandOne(p)) found.set(file, { path: file, stdin: false });
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function expandOne(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new UserError(`${path}: no such file or folder; check the path and try again`);
  }
  if (info.isFile()) return [path];
  if (!info.isDirectory()) return [];
  return walk(path);
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else if (entry.isFile()) files.push(full);
    else if (entry.isSymbolicLink()) files.push(...(await linkedFile(full)));
  }
  return files;
}

async function linkedFile(path: string): Promise<string[]> {
  try {
    return (await stat(path)).isFile() ? [path] : [];
  } catch {
    return [];
  }
}
