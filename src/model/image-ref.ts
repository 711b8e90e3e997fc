/**
 * An image reference in its fully qualified parts, so that "nginx",
 * "library/nginx:latest" and "docker.io/library/nginx" name one image.
 * Grammar: https://github.com/distribution/reference (domain/path:tag@digest).
 * Example: "nginx" → { name: "docker.io/library/nginx", tag: null, digest: null }.
 */
export interface ImageRef {
  /** Lower-cased, with its registry. */
  name: string;
  tag: string | null;
  digest: string | null;
}

export function parseImageRef(ref: string): ImageRef {
  let rest = ref.trim().toLowerCase();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: qualified(rest), tag, digest };
}

/** Docker Hub names gain their registry, and official images their "library/". */
function qualified(name: string): string {
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const registry = first.includes('.') || first.includes(':') || first === 'localhost';
  if (slash >= 0 && registry) return name;
  return `docker.io/${slash >= 0 ? name : `library/${name}`}`;
}
