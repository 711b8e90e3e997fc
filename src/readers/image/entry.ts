import type { Header } from 'tar-stream';
import type { FileType, ImageFileObservation } from '../../model/observation.js';
import { num } from '../../util/text.js';
import type { Allowance } from './budget.js';
import { absolutePath, normalizeMember, whiteoutOf } from './paths.js';

/**
 * One entry of one layer (or of a flat filesystem export), as stowaway keeps
 * it: the file fields of an image-file observation, plus its member name
 * inside the layer, normalized without a leading slash ("etc/ld.so.preload").
 */
export type LayerEntry = Pick<
  ImageFileObservation,
  'path' | 'type' | 'mode' | 'uid' | 'gid' | 'size' | 'linkTarget' | 'sha256' | 'content'
> & { member: string };

/** Text files up to this size keep their content for rules that read configuration. */
export const CONTENT_MAX_BYTES = 8 * 1024;

/** What a header says an entry is, before its content has been read. */
export type EntryShape = { entry: LayerEntry } | { ignore: string } | { bad: string };

const TYPES: Record<string, FileType> = {
  file: 'file',
  'contiguous-file': 'file',
  link: 'hardlink',
  symlink: 'symlink',
  directory: 'dir',
  'character-device': 'char',
  'block-device': 'block',
  fifo: 'fifo',
};

/**
 * Turns a tar header into an entry. Whiteouts keep the removed path
 * ("usr/bin/.wh.wget" -> whiteout "/usr/bin/wget"); an opaque marker
 * ("etc/app/.wh..wh..opq") names its folder ("/etc/app").
 */
export function shapeOf(header: Header): EntryShape {
  const member = normalizeMember(header.name);
  if (member === null) return { bad: `entry '${header.name}' climbs out of the archive with '..'` };
  // The archive's own root ("./") is the layer itself, not an entry in it.
  if (member === '') return { ignore: 'root folder' };
  const tarType = header.type ?? 'file';
  const type = TYPES[tarType];
  if (!type) return { bad: `entry '${member}' has an unsupported tar type '${tarType}'` };
  const whiteout = whiteoutOf(member);
  if (whiteout?.kind === 'aufs') return { ignore: 'AUFS bookkeeping' };
  const base = baseEntry(header, member, type);
  if (whiteout?.kind === 'whiteout') {
    return { entry: { ...base, type: 'whiteout', path: absolutePath(whiteout.removed) } };
  }
  if (whiteout?.kind === 'opaque') {
    return { entry: { ...base, type: 'opaque', path: absolutePath(whiteout.folder) } };
  }
  return { entry: base };
}

function baseEntry(header: Header, member: string, type: FileType): LayerEntry {
  // PAX records (POSIX.1-2001) carry ids too large for the ustar fields.
  const pax = (header as { pax?: Record<string, string> | null }).pax ?? null;
  return {
    member,
    path: absolutePath(member),
    type,
    mode: modeString(header.mode),
    uid: num(pax?.uid) ?? header.uid ?? 0,
    gid: num(pax?.gid) ?? header.gid ?? 0,
    size: type === 'file' ? (header.size ?? 0) : 0,
    linkTarget: linkTargetOf(header, type),
    sha256: null,
    content: null,
  };
}

/** Example: 0o104755 -> "4755". */
export function modeString(mode: number | undefined): string {
  const bits = typeof mode === 'number' && Number.isFinite(mode) ? mode & 0o7777 : 0;
  return bits.toString(8).padStart(4, '0');
}

/**
 * A symbolic link keeps its target as written ("/dev/null", "../lib");
 * a hard link names another entry of the archive, so it becomes an
 * absolute image path ("usr/bin/tool" -> "/usr/bin/tool").
 */
function linkTargetOf(header: Header, type: FileType): string | null {
  const target = header.linkname ?? null;
  if (target === null || target === '') return null;
  if (type !== 'hardlink') return type === 'symlink' ? target : null;
  const member = normalizeMember(target);
  return member === null ? target : absolutePath(member);
}

/**
 * The text of a small file: UTF-8 with no NUL byte (a NUL means binary).
 * Returns null for binary files, large files, or when the budget is spent.
 */
export function textContent(bytes: Buffer, budget: Allowance): string | null {
  if (bytes.length > CONTENT_MAX_BYTES || bytes.includes(0)) return null;
  if (!budget.take(bytes.length)) return null;
  return bytes.toString('utf8');
}
