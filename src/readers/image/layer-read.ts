import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { createGunzip, type Gunzip } from 'node:zlib';
import { describe } from '../../util/errors.js';
import type { ArchiveBudget } from './budget.js';
import { CONTENT_MAX_BYTES, shapeOf, textContent, type LayerEntry } from './entry.js';
import { feedExtract, newExtract, type TarEntry } from './feed.js';

/** A problem met while reading, kept until the archive is known to be an image. */
export interface Problem {
  where: string | null;
  message: string;
  /** A record was lost (counted as skipped), not just something worth saying. */
  skip: boolean;
}

/** The entries of one layer tar, and what went wrong reading it. */
export interface LayerRead {
  entries: LayerEntry[];
  /** "sha256:<hex>" of the uncompressed tar (its diff_id), when read to the end. */
  diffId: string | null;
  /** Bytes of the uncompressed tar. */
  size: number;
  /** Why reading stopped early, when it did; the entries before stand. */
  error: string | null;
  /** Entries seen, including those skipped. */
  records: number;
  problems: Problem[];
}

/**
 * Streams one layer (plain or gzip) through a nested tar extractor: the
 * layer is never held whole, only its entry list and small text files.
 * `where` locates problems. Example: "blobs/sha256/ddb0…".
 */
export async function readLayer(
  blob: Readable,
  gzip: boolean,
  where: string,
  budget: ArchiveBudget,
): Promise<LayerRead> {
  const out: LayerRead = {
    entries: [],
    diffId: null,
    size: 0,
    error: null,
    records: 0,
    problems: [],
  };
  const hash = createHash('sha256');
  const source: Readable = gzip ? blob.pipe(guardedGunzip(blob)) : blob;
  const extract = newExtract();
  const fed = feedExtract(source, extract, (chunk) => {
    hash.update(chunk);
    out.size += chunk.length;
  });
  try {
    for await (const item of extract) await readEntry(item, out, where, budget);
    await fed;
    out.diffId = `sha256:${hash.digest('hex')}`;
  } catch (error) {
    out.error = describe(error);
    if (!source.destroyed) source.destroy();
  }
  return out;
}

function guardedGunzip(input: Readable): Gunzip {
  const gunzip = createGunzip();
  input.on('error', (err) => gunzip.destroy(err));
  return gunzip;
}

async function readEntry(
  item: TarEntry,
  out: LayerRead,
  where: string,
  budget: ArchiveBudget,
): Promise<void> {
  out.records += 1;
  const shape = shapeOf(item.header);
  if ('bad' in shape) {
    out.problems.push({ where, message: shape.bad, skip: true });
    await consume(item);
    return;
  }
  if ('ignore' in shape) {
    await consume(item);
    return;
  }
  const { entry } = shape;
  if (entry.type === 'file') await readContent(item, entry, budget);
  else await consume(item);
  if (budget.entries.take(1)) out.entries.push(entry);
}

/** Hashes a regular file as it streams, keeping the text of a small one. */
async function readContent(
  item: TarEntry,
  entry: LayerEntry,
  budget: ArchiveBudget,
): Promise<void> {
  const hash = createHash('sha256');
  const small: Buffer[] | null = entry.size <= CONTENT_MAX_BYTES ? [] : null;
  for await (const chunk of item) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    small?.push(bytes);
  }
  entry.sha256 = hash.digest('hex');
  if (small) entry.content = textContent(Buffer.concat(small), budget.text);
}

async function consume(item: TarEntry): Promise<void> {
  for await (const _chunk of item) {
    // Entry data must be read for the extractor to move on.
  }
}
