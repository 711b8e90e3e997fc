import type { ImageConfig } from './config.js';
import type { LayerEntry } from './entry.js';
import { describeCompression, type Compression } from './magic.js';
import { baseOf } from './paths.js';
import type { LayerRef } from './plan.js';
import type { MemberInfo } from './scan.js';
import type { ArchiveView } from './view.js';

/** One layer of one image, resolved: its entries, or none with a warning said. */
export interface ResolvedLayer {
  /** The diff_id when the config gives it, else the hash of what was read. */
  digest: string | null;
  /** Bytes of the uncompressed layer tar, when read whole. */
  size: number | null;
  entries: LayerEntry[];
}

/**
 * Finds a layer's member (following links such as `<id>/layer.tar ->
 * ../<hex>.tar`) and returns what the scan read of it. Compression is
 * taken from the bytes; a media type or name that says otherwise is
 * worth a warning, since it breaks other tools.
 */
export function resolveLayer(
  view: ArchiveView,
  ref: LayerRef,
  index: number,
  config: ImageConfig,
  label: string,
): ResolvedLayer {
  const diffId = config.diffIds[index] ?? null;
  const info = ref.name ? view.resolve(ref.name) : null;
  if (!info) {
    view.skipOnce(ref.name, `${label}: layer ${index} (${ref.declared}) is not in the archive`);
    return { digest: diffId ?? ref.digest, size: null, entries: [] };
  }
  checkDeclared(view, ref, info);
  const layer = view.layer(info);
  if (!layer) {
    view.warnOnce(info.member, unreadReason(info, diffId ?? ref.digest ?? info.member));
    return { digest: diffId ?? ref.digest, size: null, entries: [] };
  }
  for (const p of layer.problems) {
    if (p.skip) view.skipOnce(p.where, p.message);
    else view.warnOnce(p.where, p.message);
  }
  if (layer.error) {
    const count = layer.entries.length;
    view.skipOnce(info.member, `layer tar broken after ${count} entries: ${layer.error}`);
  }
  if (diffId && layer.diffId && diffId !== layer.diffId) {
    const message = `${label}: layer ${index} hashes to ${layer.diffId}, not to its diff_id`;
    view.warnOnce(info.member, `${message} ${diffId}`);
  }
  const size = layer.error ? null : layer.size;
  return { digest: diffId ?? layer.diffId, size, entries: layer.entries };
}

function unreadReason(info: MemberInfo, digest: string): string {
  if (info.compression === 'zstd') {
    return `zstd-compressed layer ${digest} not read: zstd comes in a later version`;
  }
  if (info.compression === 'gzip' || info.compression === 'tar') {
    // NOTE: layers are opened while the archive streams past, so only members
    // at the places image archives keep layers are opened (see roles.ts).
    return `layer ${digest} not read: its member name is not where image archives keep layers`;
  }
  return `layer ${digest} not read: it is ${describeCompression(info.compression ?? 'unknown')}`;
}

function checkDeclared(view: ArchiveView, ref: LayerRef, info: MemberInfo): void {
  const declared = declaredCompression(ref);
  const actual = info.compression;
  if (!declared || !actual || declared === actual) return;
  const by = ref.mediaType ? 'media type' : 'name';
  const message =
    `${baseOf(ref.declared)} is ${describeCompression(actual)}, ` +
    `though its ${by} says ${describeCompression(declared)}; read by its bytes`;
  view.warnOnce(info.member, message);
}

/**
 * What a layer claims to be. Example: "application/vnd.oci.image.layer.v1.tar+gzip"
 * -> gzip; "6866…/layer.tar" -> tar; "5c42….tar.gz" -> gzip.
 */
function declaredCompression(ref: LayerRef): Compression | null {
  const hint = ref.mediaType ?? ref.declared;
  if (/zstd|\.zst$/.test(hint)) return 'zstd';
  if (/gzip|\.tar\.gz$|\.tgz$/.test(hint)) return 'gzip';
  if (/\.tar$/.test(hint)) return 'tar';
  return null;
}

/**
 * How many lowest layers belong to a base image: the longest run of
 * bottom layers this image shares with another image of the archive.
 * NOTE: capped one below the image's own count, so that an image that is
 * itself the base of another keeps its top layer as its own.
 */
export function baseLayerCounts(digests: (string | null)[][]): number[] {
  return digests.map((mine, i) => {
    let best = 0;
    digests.forEach((other, j) => {
      if (i !== j) best = Math.max(best, sharedPrefix(mine, other));
    });
    return Math.min(best, Math.max(mine.length - 1, 0));
  });
}

function sharedPrefix(a: (string | null)[], b: (string | null)[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] !== null && a[n] === b[n]) n++;
  return n;
}
