/**
 * Where an observation came from: a line of a text file, or a member of an
 * archive (with the image layer it sits in, counted from 0).
 * Example: { path: "evidence/audit.log", line: 17 }
 * Example: { path: "img.tar", member: "etc/ld.so.preload", layer: 1, layerDigest: "sha256:…" }
 */
export interface Source {
  path: string;
  line?: number;
  member?: string;
  layer?: number;
  layerDigest?: string;
}

/** Orders sources by path, then line, then member, then layer. */
export function compareSources(a: Source, b: Source): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  const line = (a.line ?? 0) - (b.line ?? 0);
  if (line !== 0) return line;
  const am = a.member ?? '';
  const bm = b.member ?? '';
  if (am !== bm) return am < bm ? -1 : 1;
  return (a.layer ?? -1) - (b.layer ?? -1);
}

export function sourceKey(s: Source): string {
  return `${s.path}\u0000${s.line ?? ''}\u0000${s.member ?? ''}\u0000${s.layer ?? ''}`;
}
