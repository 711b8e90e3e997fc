import type { ImageConfigObservation, ImageFileObservation } from '../../model/observation.js';
import type { Source } from '../../model/source.js';
import type { AssembledImage } from './assemble.js';
import { layersOf } from './config.js';
import type { LayerEntry } from './entry.js';

/** Where emitted warnings go, located by the entry's path inside its layer. */
export type Warn = (where: string, message: string) => void;

export function configObservation(image: AssembledImage, path: string): ImageConfigObservation {
  const { config } = image;
  const member = image.configMember;
  const source: Source = member === null ? { path } : { path, member };
  return {
    kind: 'image-config',
    time: config.created?.iso ?? null,
    ts: config.created?.ms ?? null,
    source,
    imageId: image.imageId,
    names: image.names,
    user: config.user,
    env: config.env,
    entrypoint: config.entrypoint,
    command: config.command,
    history: config.history,
    layers: layersOf(
      config,
      image.layers.map((l) => l.digest),
      image.layers.map((l) => l.size),
    ),
  };
}

/**
 * Every entry of every layer, bottom layer first. A hard link carries its
 * target's hash and text: tar stores the data once, under the first name.
 * A link to an entry of a lower layer is resolved against it, with a
 * warning; a link to nothing is kept, with a warning.
 */
export function* fileObservations(
  image: AssembledImage,
  path: string,
  warn: Warn,
): Generator<ImageFileObservation> {
  const lower = new Map<string, LayerEntry>();
  for (let index = 0; index < image.layers.length; index++) {
    const layer = image.layers[index]!;
    const here = new Map<string, LayerEntry>();
    for (const entry of layer.entries) {
      const seen = entry.type === 'hardlink' ? linked(entry, here, lower, index, warn) : entry;
      // Only what a hard link can take data from is remembered.
      if (seen.type === 'file' || seen.type === 'hardlink') here.set(entry.member, seen);
      yield fileObservation(image, seen, index, layer.digest, path);
    }
    for (const [member, entry] of here) lower.set(member, entry);
  }
}

function linked(
  entry: LayerEntry,
  here: Map<string, LayerEntry>,
  lower: Map<string, LayerEntry>,
  index: number,
  warn: Warn,
): LayerEntry {
  const target = entry.linkTarget?.replace(/^\//, '') ?? '';
  const same = here.get(target);
  if (same) return withData(entry, same);
  const below = lower.get(target);
  if (below) {
    warn(entry.member, `cross-layer hardlink ${entry.member} → ${target} in layer ${index}`);
    return withData(entry, below);
  }
  warn(entry.member, `dangling hardlink ${entry.member} → ${target} in layer ${index}`);
  return entry;
}

function withData(link: LayerEntry, target: LayerEntry): LayerEntry {
  if (target.type !== 'file' && target.type !== 'hardlink') return link;
  return { ...link, size: target.size, sha256: target.sha256, content: target.content };
}

function fileObservation(
  image: AssembledImage,
  entry: LayerEntry,
  layer: number,
  digest: string | null,
  path: string,
): ImageFileObservation {
  const source: Source = { path, member: entry.member, layer };
  if (digest) source.layerDigest = digest;
  return {
    kind: 'image-file',
    time: null,
    ts: null,
    source,
    imageId: image.imageId,
    imageName: image.names[0] ?? null,
    baseLayers: image.baseLayers,
    path: entry.path,
    type: entry.type,
    mode: entry.mode,
    uid: entry.uid,
    gid: entry.gid,
    size: entry.size,
    linkTarget: entry.linkTarget,
    sha256: entry.sha256,
    content: entry.content,
  };
}
