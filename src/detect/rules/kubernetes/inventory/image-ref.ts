/**
 * The parts of an image reference, as the distribution spec writes it:
 * [registry[:port]/]repository[:tag][@digest]. The first path segment is a
 * registry only when it holds a dot or a colon or is "localhost"; otherwise
 * the image comes from Docker Hub.
 * https://github.com/distribution/reference/blob/main/reference.go
 * Example: "ghcr.io/org/app:1.2@sha256:9b0e…" → registry "ghcr.io",
 * repository "org/app", tag "1.2", digest "sha256:9b0e…".
 */
export interface ImageRef {
  registry: string;
  repository: string;
  tag: string | null;
  digest: string | null;
}

/** NOTE: longer references are no image a registry serves; they are not parsed. */
const MAX_REF = 512;

export function parseImageRef(text: string): ImageRef | null {
  const ref = text.trim();
  if (ref === '' || ref.length > MAX_REF || /\s/.test(ref)) return null;
  const at = ref.indexOf('@');
  const digest = at < 0 ? null : ref.slice(at + 1) || null;
  const named = at < 0 ? ref : ref.slice(0, at);
  const slash = named.indexOf('/');
  const first = slash < 0 ? '' : named.slice(0, slash);
  const hasRegistry = first !== '' && (/[.:]/.test(first) || first === 'localhost');
  const registry = hasRegistry ? first.toLowerCase() : 'docker.io';
  const rest = hasRegistry ? named.slice(slash + 1) : named;
  const colon = rest.lastIndexOf(':');
  const tagged = colon > rest.lastIndexOf('/');
  const repository = tagged ? rest.slice(0, colon) : rest;
  if (repository === '') return null;
  return { registry, repository, tag: tagged ? rest.slice(colon + 1) || null : null, digest };
}

/** The reference without its digest: what a tag names. Example: "nginx:1.25". */
export function taggedName(ref: ImageRef): string {
  const registry = ref.registry === 'docker.io' ? '' : `${ref.registry}/`;
  return `${registry}${ref.repository}:${ref.tag ?? 'latest'}`;
}
