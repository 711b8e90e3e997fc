import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../util/errors.js';

/** One input to read: a file as the user named it, or stdin. */
export interface EvidenceFile {
  /** As given on the command line, joined with what was found below it. */
  path: string;
  stdin: boolean;
  /** Why the entry cannot be read as a file (a FIFO, a link loop), when it cannot. */
  unreadable?: string;
}

export const STDIN_PATH = '-';

/**
 * Expands files, folders (recursively) and `-` into a sorted list of files,
 * so that the order of paths on the command line never changes the report.
 * A file reached twice (`./a` and `a`, or through a link) is read once.
 * Symbolic links to folders are not followed (a link loop would never end);
 * entries that are no regular file are listed, to be reported as skipped.
 */
export async function expandPaths(paths: string[]): Promise<EvidenceFile[]> {
  const found = new Map<string, EvidenceFile>();
  for (const p of paths) {
    if (p === STDIN_PATH) {
      found.set(p, { path: p, stdin: true });
      continue;
    }
    for (const file of await expandOne(p)) {
      const key = file.unreadable ? file.path : await realpath(file.path).catch(() => file.path);
      const seen = found.get(key);
      if (!seen || file.path < seen.path) found.set(key, file);
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function expandOne(path: string): Promise<EvidenceFile[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new UserError(`${path}: no such file or folder; check the path and try again`);
  }
  if (info.isDirectory()) return walk(path);
  return [classify(path, info)];
}

function classify(path: string, info: Awaited<ReturnType<typeof stat>>): EvidenceFile {
  if (info.isFile()) return { path, stdin: false };
  return { path, stdin: false, unreadable: 'not a regular file (a device, FIFO or socket)' };
}

async function walk(dir: string): Promise<EvidenceFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: EvidenceFile[] = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else if (entry.isFile()) files.push({ path: full, stdin: false });
    else files.push(await linked(full, entry.isSymbolicLink()));
  }
  return files;
}

/** A link is followed to a file; a link to a folder, a broken link or a special file is listed. */
async function linked(path: string, link: boolean): Promise<EvidenceFile> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      return { path, stdin: false, unreadable: 'a link to a folder (not followed)' };
    }
    return classify(path, info);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { path, stdin: false, unreadable: link ? `a broken or looping link (${code})` : code };
  }
}
