/**
 * Names inside tar archives, made comparable. Archives written by hand or
 * by `tar -cf out.tar .` prefix every member with `./` (and add a `./`
 * entry); others use `//` or a leading `/`. A name that climbs out of the
 * archive with `..` is refused: evidence is hostile.
 * Example: "./blobs//sha256/ab12" -> "blobs/sha256/ab12"; "../etc/passwd" -> null.
 */
export function normalizeMember(name: string): string | null {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** The folder of a member, '' at the top. Example: "ab12/layer.tar" -> "ab12". */
export function dirOf(member: string): string {
  const slash = member.lastIndexOf('/');
  return slash < 0 ? '' : member.slice(0, slash);
}

/** The last segment of a member. Example: "usr/bin/.wh.wget" -> ".wh.wget". */
export function baseOf(member: string): string {
  return member.slice(member.lastIndexOf('/') + 1);
}

/** Joins a folder and a relative name, then normalizes. */
export function joinMember(dir: string, name: string): string | null {
  return normalizeMember(dir === '' ? name : `${dir}/${name}`);
}

/**
 * Resolves a symbolic link's target from the folder holding the link: an
 * absolute target counts from the archive root.
 * Example: ("ab12/layer.tar", "../ce31.tar") -> "ce31.tar".
 */
export function resolveLink(linkMember: string, target: string): string | null {
  if (target.startsWith('/')) return normalizeMember(target);
  return joinMember(dirOf(linkMember), target);
}

/** A layer entry's path as the image's filesystem sees it. Example: "etc/motd" -> "/etc/motd". */
export function absolutePath(member: string): string {
  return `/${member}`;
}

/**
 * Whiteouts, from the OCI image spec (layer.md, "Whiteouts"): `.wh.NAME`
 * removes NAME from the lower layers, `.wh..wh..opq` empties its folder.
 * Other `.wh..wh.` names are AUFS bookkeeping (`.wh..wh.plnk`), not files.
 */
export type Whiteout =
  { kind: 'whiteout'; removed: string } | { kind: 'opaque'; folder: string } | { kind: 'aufs' };

const WH = '.wh.';
const OPAQUE = '.wh..wh..opq';
const AUFS_META = '.wh..wh.';

/** Example: "etc/.wh.motd" -> { kind: "whiteout", removed: "etc/motd" }. */
export function whiteoutOf(member: string): Whiteout | null {
  const base = baseOf(member);
  if (!base.startsWith(WH)) {
    return member.split('/').some((p) => p.startsWith(AUFS_META)) ? { kind: 'aufs' } : null;
  }
  const dir = dirOf(member);
  if (base === OPAQUE) return { kind: 'opaque', folder: dir };
  if (base.startsWith(AUFS_META)) return { kind: 'aufs' };
  const name = base.slice(WH.length);
  if (name === '') return null;
  return { kind: 'whiteout', removed: dir === '' ? name : `${dir}/${name}` };
}
