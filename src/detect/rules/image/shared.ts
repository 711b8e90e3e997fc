import type { ImageConfigObservation, ImageFileObservation } from '../../../model/observation.js';
import type { Subject } from '../../../model/subject.js';

/** The image an image observation belongs to, by ID and names. */
export function imageSubject(obs: ImageFileObservation | ImageConfigObservation): Subject {
  const names = obs.kind === 'image-config' ? obs.names : obs.imageName ? [obs.imageName] : [];
  return { imageId: obs.imageId, imageNames: names };
}

/** How a summary names an image: its first name, else its short ID. Example: "app:1.0". */
export function imageLabel(obs: ImageFileObservation | ImageConfigObservation): string {
  const name = obs.kind === 'image-config' ? obs.names[0] : obs.imageName;
  return name ?? obs.imageId.replace(/^sha256:/, '').slice(0, 12);
}

/** "layer 2 of 3" reads better for people; the source keeps the index from 0. */
export function layerLabel(obs: ImageFileObservation): string {
  return obs.source.layer === undefined ? 'its filesystem' : `layer ${obs.source.layer + 1}`;
}

/** The values every image rule passes to its response steps. */
export function fileVars(obs: ImageFileObservation): Record<string, string> {
  return {
    path: obs.path,
    layer: layerLabel(obs),
    archive: obs.source.path,
    member: obs.source.member ?? obs.path.slice(1),
  };
}

/** The last path segment. Example: "/root/.ash_history" -> ".ash_history". */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Files that carry content or point somewhere: what a layer adds, not what it removes. */
export function isPresent(obs: ImageFileObservation): boolean {
  return obs.type === 'file' || obs.type === 'hardlink' || obs.type === 'symlink';
}

/** A symbolic link whose target is the null device. Example: "/var/log -> /dev/null". */
export function linksToDevNull(obs: ImageFileObservation): boolean {
  return obs.type === 'symlink' && (obs.linkTarget ?? '').replace(/\/+$/, '') === '/dev/null';
}

/**
 * Shows that a secret is there without repeating it: the first 4
 * characters, then an ellipsis (fewer for short values, so that a short
 * secret is never shown whole). Example: "AKIAIOSFODNN7EXAMPLE" -> "AKIA…".
 */
export function mask(value: string): string {
  const chars = [...value];
  const keep = chars.length >= 8 ? 4 : Math.floor(chars.length / 2);
  return `${chars.slice(0, keep).join('')}…`;
}
