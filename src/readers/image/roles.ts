import { baseOf } from './paths.js';

/**
 * Where image archives keep their parts, so that only those members are
 * buffered (small JSON) or opened as layers (nested tars), and the files of
 * a flat filesystem export are merely hashed. Each layout may sit under one
 * leading folder (a layout folder tarred by its parent: "oci-layout/index.json").
 *
 * docker save, legacy:  manifest.json, <hex>.json (config), repositories,
 *                       <id>/layer.tar (often a symlink to ../<hex>.tar)
 * docker save, v25+ and OCI image layout (image-spec, image-layout.md):
 *                       oci-layout, index.json, blobs/sha256/<hex>
 * Kaniko and others:    sha256:<hex> (config), <hex>.tar.gz (layers)
 * Hand-made archives:    any *.json near the top may be the config manifest.json names.
 */
export type Role = 'metadata' | 'json' | 'layer' | 'blob' | 'plain';

const HEX64 = /^[0-9a-f]{64}$/;
const METADATA_NAMES = new Set(['manifest.json', 'index.json', 'repositories', 'oci-layout']);
const LAYER_FILE = /\.(?:tar|tar\.gz|tgz|tar\.zst)$/;

export function roleOf(member: string): Role {
  const parts = member.split('/');
  const name = baseOf(member);
  // Blobs are JSON (manifests, configs) or layers: their first bytes tell.
  if (inBlobs(parts)) return 'blob';
  if (parts.length <= 2 && METADATA_NAMES.has(name)) return 'metadata';
  const config = isHexJson(name) || /^sha256:[0-9a-f]{64}$/.test(name);
  if (parts.length <= 2 && config) return 'metadata';
  if (parts.length <= 3 && name === 'layer.tar') return 'layer';
  if (parts.length <= 2 && LAYER_FILE.test(name)) return 'layer';
  // manifest.json may name a config anything; near the top, a .json file may be one.
  if (parts.length <= 2 && name.endsWith('.json')) return 'json';
  return 'plain';
}

/** "blobs/sha256/<hex>", possibly under one leading folder. */
function inBlobs(parts: string[]): boolean {
  const n = parts.length;
  if (n !== 3 && n !== 4) return false;
  return parts[n - 3] === 'blobs' && /^[0-9a-f]{64,128}$/.test(parts[n - 1]!);
}

function isHexJson(name: string): boolean {
  return name.endsWith('.json') && HEX64.test(name.slice(0, -5));
}

/**
 * Members whose presence marks an image archive, even with its manifest
 * missing: blobs, `<id>/layer.tar`, `repositories` or `oci-layout` at the
 * top, or a config or layer named by its digest ("ce31….tar", "cda5….json").
 */
export function marksImageArchive(member: string): boolean {
  const role = roleOf(member);
  if (role === 'plain' || role === 'json') return false;
  const name = baseOf(member);
  if (role === 'blob' || name === 'layer.tar') return true;
  if (name === 'repositories' || name === 'oci-layout') return member.split('/').length <= 2;
  return HEX64.test(name.replace(/\..*$/, '')) || name.startsWith('sha256:');
}

/** A file named by a bare digest, as the blobs of an OCI layout folder are. */
export function isDigestName(name: string): boolean {
  return HEX64.test(name);
}
