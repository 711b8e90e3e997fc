import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { describe } from '../../util/errors.js';
import type { ArchiveBudget } from './budget.js';
import { CONTENT_MAX_BYTES, shapeOf, textContent, type LayerEntry } from './entry.js';
import { feedExtract, newExtract, type TarEntry } from './feed.js';
import { readLayer, type LayerRead, type Problem } from './layer-read.js';
import { looksLikeJson, sniffCompression, type Compression } from './magic.js';
import { MemberReader } from './member-reader.js';
import { normalizeMember, resolveLink } from './paths.js';
import { marksImageArchive, roleOf, type Role } from './roles.js';

/** One member of the outer archive. */
export interface MemberInfo {
  member: string;
  /** SHA-256 (hex) of a regular file's bytes: a blob's own digest. */
  sha256: string | null;
  size: number;
  /** The member a symbolic or hard link points at. Example: "ce31….tar". */
  linkTo: string | null;
  /** What a regular file's first bytes say it is. */
  compression: Compression | null;
}

/** Everything an archive holds that assembling its images needs. */
export interface ArchiveScan {
  /**
   * Members near the top or at the places image archives keep their parts:
   * what manifests can name. Deep members of a flat export are not kept here.
   */
  members: Map<string, MemberInfo>;
  /** First segments of member names. Example: "etc", "usr", "blobs". */
  topFolders: Set<string>;
  /** Text of the JSON metadata members (manifests, indexes, configs). */
  json: Map<string, string>;
  /** Layer tars read, by the member that holds them. */
  layers: Map<string, LayerRead>;
  /** The members as filesystem entries, for an archive that is a flat export. */
  flat: LayerEntry[];
  records: number;
  problems: Problem[];
  /**
   * SHA-256 (hex) of the archive's bytes as they streamed, and their count.
   * The hash is the ID of a flat export; it stops (empty) once the archive
   * shows it is an image archive, which has IDs of its own.
   */
  sha256: string;
  bytes: number;
  /** A member showed this is an image archive (see marksImageArchive). */
  marked: boolean;
  /** Why the archive could not be read to its end (truncated, corrupt), if so. */
  broken: string | null;
}

const JSON_MAX_BYTES = 16 * 1024 * 1024;
/** For JSON that may be a config by its place only: a flat export holds many such files. */
const JSON_GUESS_MAX_BYTES = 1024 * 1024;

/** Streams the archive once, reading layers as they pass, in whatever order they come. */
export async function scanArchive(content: Readable, budget: ArchiveBudget): Promise<ArchiveScan> {
  const scan: ArchiveScan = {
    members: new Map(),
    topFolders: new Set(),
    json: new Map(),
    layers: new Map(),
    flat: [],
    records: 0,
    problems: [],
    sha256: '',
    bytes: 0,
    marked: false,
    broken: null,
  };
  const hash = createHash('sha256');
  const extract = newExtract();
  const fed = feedExtract(content, extract, (chunk) => {
    if (!scan.marked) hash.update(chunk);
    scan.bytes += chunk.length;
  });
  try {
    for await (const item of extract) await scanMember(item, scan, budget);
    await fed;
  } catch (error) {
    scan.broken = describe(error);
  }
  scan.sha256 = scan.marked ? '' : hash.digest('hex');
  return scan;
}

async function scanMember(item: TarEntry, scan: ArchiveScan, budget: ArchiveBudget): Promise<void> {
  scan.records += 1;
  const shape = shapeOf(item.header);
  if (!('entry' in shape)) {
    const where = item.header.name;
    if ('bad' in shape) scan.problems.push({ where, message: shape.bad, skip: true });
    await new MemberReader(item).drain();
    return;
  }
  const { entry } = shape;
  if (marksImageArchive(entry.member)) scan.marked = true;
  const info: MemberInfo = {
    member: entry.member,
    sha256: null,
    size: entry.size,
    linkTo: linkOf(entry, item.header.linkname ?? null),
    compression: null,
  };
  const reader = new MemberReader(item);
  if (entry.type === 'file') await readFile(reader, entry, info, scan, budget);
  else await reader.drain();
  keepMember(scan, info);
  if (budget.entries.take(1)) scan.flat.push(entry);
}

/** Deepest plain member a manifest may name: "<id>/layer.tar" has 2 segments, a blob 4. */
const NAMEABLE_DEPTH = 4;

function keepMember(scan: ArchiveScan, info: MemberInfo): void {
  const parts = info.member.split('/');
  scan.topFolders.add(parts[0]!);
  if (parts.length <= NAMEABLE_DEPTH || roleOf(info.member) !== 'plain') {
    scan.members.set(info.member, info);
  }
}

function linkOf(entry: LayerEntry, target: string | null): string | null {
  if (target === null) return null;
  if (entry.type === 'symlink') return resolveLink(entry.member, target);
  // Hard link names count from the archive root (POSIX ustar "linkname").
  if (entry.type === 'hardlink') return normalizeMember(target);
  return null;
}

/**
 * A regular member: a layer is read through a nested extractor, JSON
 * metadata is kept, small files keep their text (for a flat export), and
 * every member is hashed.
 */
async function readFile(
  reader: MemberReader,
  entry: LayerEntry,
  info: MemberInfo,
  scan: ArchiveScan,
  budget: ArchiveBudget,
): Promise<void> {
  const role = roleOf(entry.member);
  const head = await reader.peek(512);
  info.compression = sniffCompression(head);
  const layerLike = info.compression === 'gzip' || info.compression === 'tar';
  if ((role === 'layer' || role === 'blob') && layerLike) {
    const gzip = info.compression === 'gzip';
    // An uncompressed layer's own digest is its diff_id: hash its bytes once.
    reader.hashing = gzip;
    scan.layers.set(entry.member, await readLayer(reader.stream(), gzip, entry.member, budget));
  } else {
    // manifest.json is kept whatever it holds ("null" too); others only when they are JSON.
    const maybe = role === 'blob' || role === 'json';
    const json = role === 'metadata' || (maybe && looksLikeJson(head));
    await keepSmall(reader, entry, json ? jsonLimit(role) : null, scan, budget);
  }
  await reader.drain();
  const layer = scan.layers.get(entry.member);
  const digest = reader.sha256 ?? layer?.diffId?.replace(/^sha256:/, '') ?? null;
  entry.sha256 = digest;
  info.sha256 = digest;
  scan.records += layer?.records ?? 0;
}

/** Manifests and configs are small; a bigger "metadata" member is not one. */
function jsonLimit(role: Role): number {
  return role === 'json' ? JSON_GUESS_MAX_BYTES : JSON_MAX_BYTES;
}

async function keepSmall(
  reader: MemberReader,
  entry: LayerEntry,
  jsonMax: number | null,
  scan: ArchiveScan,
  budget: ArchiveBudget,
): Promise<void> {
  const limit = Math.max(jsonMax ?? 0, CONTENT_MAX_BYTES);
  if (entry.size > limit) {
    if (jsonMax === JSON_MAX_BYTES) {
      const message = `metadata member over ${JSON_MAX_BYTES / 1024 / 1024} MiB not read`;
      scan.problems.push({ where: entry.member, message, skip: true });
    }
    return;
  }
  const bytes = await reader.readAll(limit);
  if (!bytes) return;
  if (jsonMax !== null && budget.json.take(bytes.length)) {
    scan.json.set(entry.member, bytes.toString('utf8'));
  }
  entry.content = textContent(bytes, budget.text);
}
