import type { Subject } from '../model/subject.js';

/**
 * Identity keys: every name a subject is known by becomes a key, and keys of
 * one subject are joined. Container IDs are keyed by their first 12 hex
 * digits, the short form `docker ps` prints, so full and short IDs meet.
 * Example: "c:4e4aaba029bc", "n:evidence-tampered", "p:default/web-7d9c".
 */
export interface SubjectKeys {
  /** Keys of the container or pod itself. */
  workload: string[];
  /** Keys of the image it runs or is. */
  image: string[];
  /** Addresses claimed by the workload (joined at lookup, never merged on). */
  addresses: string[];
  identity: string | null;
  /**
   * The runtime name key of a subject that also has a container ID. Names
   * are reused (a container removed and run again, two hosts), so such a
   * name is not merged on; it joins name-only subjects to the one ID that
   * bore it. Example: "n:web".
   */
  nameOfId: string | null;
}

const HEX_ID = /^(?:sha256:)?([0-9a-f]{12,64})$/i;

export function containerKey(id: string): string | null {
  const m = HEX_ID.exec(id.trim());
  return m ? `c:${m[1]!.slice(0, 12).toLowerCase()}` : null;
}

export function imageIdKey(id: string): string | null {
  const m = /^(?:sha256:)?([0-9a-f]{64})$/i.exec(id.trim());
  return m ? `i:sha256:${m[1]!.toLowerCase()}` : null;
}

/**
 * Image references are compared in their fully qualified form, so that
 * "nginx", "docker.io/library/nginx:latest" and "library/nginx" meet.
 */
export function imageNameKey(ref: string): string | null {
  let name = ref.trim();
  if (name === '' || /^sha256:/i.test(name)) return null;
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const hasRegistry =
    slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) name = `docker.io/${slash >= 0 ? name : `library/${name}`}`;
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  if (!lastSegment.includes(':')) name = `${name}:latest`;
  return `m:${name.toLowerCase()}`;
}

export function keysOf(subject: Subject): SubjectKeys {
  const workload: string[] = [];
  const image: string[] = [];
  const cid = subject.containerId ? containerKey(subject.containerId) : null;
  if (cid) workload.push(cid);
  const pod = subject.pod ? `p:${subject.pod.namespace}/${subject.pod.name}` : null;
  if (pod) workload.push(pod);
  // Names inside a pod are only unique within it; runtime names are global
  // to a host, and an ID says which container bore one.
  const name =
    subject.containerName && !pod ? `n:${subject.containerName.replace(/^\//, '')}` : null;
  if (name && !cid) workload.push(name);
  const imageId = subject.imageId ? imageIdKey(subject.imageId) : null;
  if (imageId) image.push(imageId);
  for (const ref of subject.imageNames ?? []) {
    const key = imageNameKey(ref);
    if (key) image.push(key);
  }
  return {
    workload,
    image,
    addresses: subject.addresses ?? [],
    identity: subject.identity ?? null,
    nameOfId: name && cid ? name : null,
  };
}
