import { describe } from '../../util/errors.js';
import type { LayerRead, Problem } from './layer-read.js';
import { dirOf, joinMember } from './paths.js';
import type { ArchiveScan, MemberInfo } from './scan.js';

/** Links followed before giving up: a loop of links must not hang the reader. */
const MAX_LINK_HOPS = 16;

/**
 * An archive once scanned, seen from its root (the folder holding
 * manifest.json or index.json: "" for most, "oci-layout" for a layout
 * folder tarred by its parent). Resolves names and digests to members,
 * following symbolic and hard links, and keeps the problems it meets.
 */
export class ArchiveView {
  readonly problems: Problem[] = [];
  private readonly reported = new Set<string>();

  constructor(
    readonly scan: ArchiveScan,
    readonly root: string,
  ) {}

  /** A member by name relative to the root, links followed. */
  resolve(name: string): MemberInfo | null {
    let member = joinMember(this.root, name);
    for (let hop = 0; member !== null && hop < MAX_LINK_HOPS; hop++) {
      const info = this.scan.members.get(member);
      if (!info) return null;
      if (info.linkTo === null) return info;
      member = info.linkTo;
    }
    return null;
  }

  /** The member of a blob by digest. Example: "sha256:ab…" -> "blobs/sha256/ab…". */
  blobName(digest: string): string | null {
    const m = /^([a-z0-9]+):([0-9a-f]{32,128})$/.exec(digest);
    return m ? `blobs/${m[1]}/${m[2]}` : null;
  }

  /** A blob by digest; warns once when its bytes do not hash to the digest. */
  blob(digest: string): MemberInfo | null {
    const name = this.blobName(digest);
    const info = name ? this.resolve(name) : null;
    if (info?.sha256 && digest.startsWith('sha256:') && `sha256:${info.sha256}` !== digest) {
      this.warnOnce(info.member, `blob content does not match its digest ${digest}`);
    }
    return info;
  }

  /** Parsed JSON of a metadata member, or undefined (with a located skip) when it is not JSON. */
  json(info: MemberInfo): unknown {
    const text = this.scan.json.get(info.member);
    if (text === undefined) {
      this.skipOnce(info.member, 'expected a JSON document here, found other data');
      return undefined;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      this.skipOnce(info.member, `not JSON: ${describe(error)}`);
      return undefined;
    }
  }

  layer(info: MemberInfo): LayerRead | null {
    return this.scan.layers.get(info.member) ?? null;
  }

  warnOnce(where: string | null, message: string): void {
    this.note(where, message, false);
  }

  skipOnce(where: string | null, message: string): void {
    this.note(where, message, true);
  }

  private note(where: string | null, message: string, skip: boolean): void {
    const key = `${where ?? ''}\u0000${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push({ where, message, skip });
  }
}

/**
 * The archive's root: the folder of the shallowest manifest.json or
 * index.json, or null when there is neither.
 */
export function findRoot(scan: ArchiveScan): string | null {
  let best: string | null = null;
  for (const member of scan.json.keys()) {
    const name = member.slice(member.lastIndexOf('/') + 1);
    if (name !== 'manifest.json' && name !== 'index.json') continue;
    const dir = dirOf(member);
    if (best === null || depth(dir) < depth(best)) best = dir;
  }
  return best;
}

function depth(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length;
}
