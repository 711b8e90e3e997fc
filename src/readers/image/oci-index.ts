import { arr, obj, str } from '../../util/text.js';
import type { ImagePlan, LayerRef } from './plan.js';
import type { ArchiveView } from './view.js';

/**
 * The OCI image layout's index.json (image-spec, image-layout.md and
 * image-index.md): descriptors of manifests, or of nested indexes (one
 * per platform, or a tag pointing at a list). Example:
 * {"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json",
 *   "digest":"sha256:7d7f…","annotations":{"org.opencontainers.image.ref.name":"base"}}]}
 * Docker 25 wrote `"manifests": null` for `docker save image@digest`.
 */
export interface OciIndex {
  plans: ImagePlan[];
  /** Whether the archive has an index.json at all. */
  present: boolean;
  /** What index.json said when it listed nothing: null, or an empty list. */
  emptyAs: 'null' | 'empty' | null;
}

/** Config media types of container images; other configs belong to artifacts. */
const IMAGE_CONFIGS = new Set([
  'application/vnd.oci.image.config.v1+json',
  'application/vnd.docker.container.image.v1+json',
]);

/** Nested indexes followed at most this deep (a loop of indexes must end). */
const MAX_DEPTH = 8;

export function ociPlans(view: ArchiveView): OciIndex {
  const info = view.resolve('index.json');
  if (!info) return { plans: [], present: false, emptyAs: null };
  const value = view.json(info);
  const index = obj(value);
  if (!index) {
    if (value !== undefined) view.skipOnce(info.member, 'index.json is not an OCI image index');
    return { plans: [], present: true, emptyAs: null };
  }
  const walk = new IndexWalk(view);
  const manifests = arr(index.manifests);
  walk.descriptors(manifests, info.member, [], 0, new Set());
  const emptyAs = index.manifests === null ? 'null' : manifests.length === 0 ? 'empty' : null;
  return { plans: walk.plans, present: true, emptyAs };
}

class IndexWalk {
  readonly plans: ImagePlan[] = [];

  constructor(private readonly view: ArchiveView) {}

  descriptors(
    list: unknown[],
    where: string,
    names: string[],
    depth: number,
    path: Set<string>,
  ): void {
    for (const item of list) this.descriptor(item, where, names, depth, path);
  }

  private descriptor(
    item: unknown,
    where: string,
    inherited: string[],
    depth: number,
    path: Set<string>,
  ): void {
    const desc = obj(item);
    const digest = str(desc?.digest);
    if (!desc || !digest) {
      this.view.skipOnce(where, 'a manifest descriptor without a digest');
      return;
    }
    const annotations = obj(desc.annotations) ?? {};
    // NOTE: buildx attaches provenance as "attestation-manifest" entries; they are not images.
    if (annotations['vnd.docker.reference.type'] === 'attestation-manifest') return;
    const names = namesOf(annotations);
    const blob = this.view.blob(digest);
    if (!blob) {
      this.view.skipOnce(where, `manifest ${digest} is not in the archive`);
      return;
    }
    const doc = obj(this.view.json(blob));
    if (!doc) return;
    const effective = names.length > 0 ? names : inherited;
    if (Array.isArray(doc.manifests)) {
      this.nested(doc.manifests, blob.member, effective, depth, path, digest);
    } else if (obj(doc.config)) this.manifest(doc, blob.member, effective);
    else this.view.skipOnce(blob.member, 'neither an image manifest nor an image index');
  }

  private nested(
    list: unknown[],
    where: string,
    names: string[],
    depth: number,
    path: Set<string>,
    digest: string,
  ): void {
    if (depth >= MAX_DEPTH || path.has(digest)) {
      this.view.skipOnce(where, 'nested image indexes loop or go too deep; stopped here');
      return;
    }
    const inner = new Set(path).add(digest);
    this.descriptors(list, where, names, depth + 1, inner);
  }

  private manifest(doc: Record<string, unknown>, where: string, names: string[]): void {
    const config = obj(doc.config)!;
    const configDigest = str(config.digest);
    const type = str(config.mediaType);
    if (type && !IMAGE_CONFIGS.has(type)) {
      const message = `an artifact manifest (config type ${type}), not an image; skipped`;
      this.view.warnOnce(where, message);
      return;
    }
    const configName = configDigest ? this.view.blobName(configDigest) : null;
    if (!configDigest || !configName) {
      this.view.skipOnce(where, 'image manifest without a usable config digest');
      return;
    }
    const layers = arr(doc.layers).map((l) => layerRef(l, this.view));
    const origin = 'index.json';
    this.plans.push({ origin, where, config: configName, configDigest, names, layers });
  }
}

function layerRef(value: unknown, view: ArchiveView): LayerRef {
  const desc = obj(value) ?? {};
  const digest = str(desc.digest);
  return {
    name: digest ? view.blobName(digest) : null,
    declared: digest ?? 'a layer descriptor without a digest',
    mediaType: str(desc.mediaType),
    digest,
  };
}

/**
 * A full reference (containerd's annotation) says more than the OCI
 * ref.name, which is often just a tag. Example: "docker.io/example/cronjob:latest" vs "latest".
 */
function namesOf(annotations: Record<string, unknown>): string[] {
  const full = str(annotations['io.containerd.image.name']);
  if (full) return [full];
  const ref = str(annotations['org.opencontainers.image.ref.name']);
  return ref ? [ref] : [];
}
