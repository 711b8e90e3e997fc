import type {
  ImageConfigObservation,
  ImageFileObservation,
} from '../../../src/model/observation.js';

export const IMAGE_ID = `sha256:${'c'.repeat(64)}`;

/** An image file entry; by default a plain file in layer index 1, above a one-layer base. */
export function imageFile(over: Partial<ImageFileObservation> = {}): ImageFileObservation {
  const path = over.path ?? '/etc/motd';
  return {
    kind: 'image-file',
    time: null,
    ts: null,
    source: { path: 'img.tar', member: path.slice(1), layer: 1, layerDigest: 'sha256:dd' },
    imageId: IMAGE_ID,
    imageName: 'evidence/app:1.0',
    baseLayers: 1,
    path,
    type: 'file',
    mode: '0644',
    uid: 0,
    gid: 0,
    size: 0,
    linkTarget: null,
    sha256: null,
    content: null,
    ...over,
  };
}

/** Puts the entry in layer `layer` (from 0). */
export function inLayer(
  layer: number,
  over: Partial<ImageFileObservation> = {},
): ImageFileObservation {
  const base = imageFile(over);
  return { ...base, source: { ...base.source, layer } };
}

export function imageConfig(over: Partial<ImageConfigObservation> = {}): ImageConfigObservation {
  return {
    kind: 'image-config',
    time: '2026-01-02T03:04:05Z',
    ts: Date.parse('2026-01-02T03:04:05Z'),
    source: { path: 'img.tar', member: 'c.json' },
    imageId: IMAGE_ID,
    names: ['evidence/app:1.0'],
    user: null,
    env: ['PATH=/usr/bin'],
    entrypoint: null,
    command: ['httpd'],
    history: [],
    layers: [],
    ...over,
  };
}
