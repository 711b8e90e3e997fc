import { str } from '../../../util/text.js';
import type { Runtime } from '../shared/config.js';
import { imageDigest } from '../shared/names.js';
import type { LifecycleFields } from './lifecycle.js';

/**
 * Events about something other than a container: an image pulled, loaded
 * or imported, a daemon reloaded, a plugin installed, a volume or network
 * created. Each is a lifecycle observation with no container, its verb as
 * action, the image it names (image events only), the object's name as
 * detail, and a note `type:<object type>` that tells a volume's "create"
 * from a container's. Examples of the notes: "type:image", "type:daemon",
 * "type:plugin", "type:volume", "type:network", "type:system" (Podman).
 */
export interface ObjectEvent {
  runtime: Runtime;
  /** Lower-cased object type. Example: "plugin". */
  type: string;
  /** Normalized verb and what followed it in the raw verb. */
  action: string;
  detail: string | null;
  /** Actor.ID (Docker) or ID (Podman). Example: "nginx:1.25" of a Docker pull. */
  id: string | null;
  /** Attributes.name (Docker) or Name (Podman). Example: "vieux/sshfs:latest". */
  name: string | null;
}

export function objectFields(e: ObjectEvent): LifecycleFields {
  const isImage = e.type === 'image';
  const archive = isImage && e.runtime === 'podman' ? archivePath(e.name) : null;
  return {
    notes: [`type:${e.type}`],
    runtime: e.runtime,
    container: null,
    name: null,
    image: isImage ? imageOf(e, archive) : null,
    pod: null,
    action: e.action,
    detail: e.detail ?? archive ?? (isImage ? null : (e.name ?? e.id)),
    exitCode: null,
  };
}

/**
 * The image an image event is about, by reference when the event gives
 * one. Docker's pull names "nginx:1.25" in Actor.ID and "nginx" in
 * Attributes.name; its load and tag give the ID "sha256:…" and the
 * reference as name. Podman's save names the archive, so its ID is kept.
 */
function imageOf(e: ObjectEvent, archive: string | null): string | null {
  if (archive !== null) return imageDigest(e.id) ?? e.id;
  if (e.runtime === 'podman') return e.name ?? imageDigest(e.id) ?? e.id;
  const idIsDigest = e.id !== null && (/^sha256:/i.test(e.id) || imageDigest(e.id) !== null);
  return idIsDigest ? (e.name ?? e.id) : (e.id ?? e.name);
}

/**
 * Podman's load and save events name the archive in Name.
 * Example: {"Name":"/srv/lab/images/base.docker.tar","Status":"loadfromarchive"}.
 */
function archivePath(name: string | null): string | null {
  const path = str(name);
  return path !== null && /^(?:\/|\.{1,2}\/|[A-Za-z]:\\)/.test(path) ? path : null;
}
