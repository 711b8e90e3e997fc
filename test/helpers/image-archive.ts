import { buildTar, dir, file, gzip, sha256, symlink, type TarItem } from './tar.js';

/** One layer: its members, and how it is stored. */
export interface LayerSpec {
  items: TarItem[];
  compression?: 'none' | 'gzip';
  /** Bytes to store instead of the layer tar (a zstd or broken blob). */
  raw?: Buffer;
}

/** One image: tags, the run settings of its config, and its layers bottom first. */
export interface ImageSpec {
  tags?: string[];
  config?: { User?: string; Env?: string[]; Cmd?: string[]; Entrypoint?: string[] };
  created?: string;
  history?: { created_by: string; empty_layer?: boolean }[];
  layers: LayerSpec[];
}

/** A layer once built: what is stored, and its digests. */
export interface BuiltLayer {
  stored: Buffer;
  /** sha256 of the stored bytes (the blob digest), hex. */
  blob: string;
  /** sha256 of the uncompressed tar (the diff_id), hex. */
  diffId: string;
  mediaType: string;
}

export interface BuiltImage {
  layers: BuiltLayer[];
  config: Buffer;
  /** "sha256:<hex>" of the config: the image ID. */
  imageId: string;
}

export async function buildLayer(spec: LayerSpec): Promise<BuiltLayer> {
  const tarBytes = await buildTar(spec.items);
  const gz = spec.compression === 'gzip';
  const stored = spec.raw ?? (gz ? gzip(tarBytes) : tarBytes);
  const mediaType = `application/vnd.oci.image.layer.v1.tar${gz ? '+gzip' : ''}`;
  return { stored, blob: sha256(stored), diffId: sha256(tarBytes), mediaType };
}

export async function buildImage(spec: ImageSpec): Promise<BuiltImage> {
  const layers = await Promise.all(spec.layers.map(buildLayer));
  const history = spec.history ?? layers.map((_, i) => ({ created_by: `step ${i + 1}` }));
  const config = Buffer.from(
    JSON.stringify({
      created: spec.created ?? '2026-01-02T03:04:05Z',
      architecture: 'amd64',
      os: 'linux',
      config: spec.config ?? {},
      rootfs: { type: 'layers', diff_ids: layers.map((l) => `sha256:${l.diffId}`) },
      history,
    }),
  );
  return { layers, config, imageId: `sha256:${sha256(config)}` };
}

export interface DockerSaveOptions {
  /** `<id>/layer.tar` as a symlink to `../<hex>.tar`, as skopeo and podman write. */
  linkedLayers?: boolean;
  /** Write manifest.json first instead of last. */
  manifestFirst?: boolean;
}

/** A legacy `docker save` archive: manifest.json, `<hex>.json` configs and layer tars. */
export async function dockerSave(
  specs: ImageSpec[],
  options: DockerSaveOptions = {},
): Promise<Buffer> {
  const images = await Promise.all(specs.map(buildImage));
  const members = new Map<string, TarItem>();
  const manifest = images.map((img, i) => ({
    Config: `${img.imageId.slice(7)}.json`,
    RepoTags: specs[i]!.tags ?? [],
    Layers: img.layers.map((layer) => {
      const name = `${layer.diffId}/layer.tar`;
      if (options.linkedLayers) {
        members.set(`${layer.diffId}.tar`, file(`${layer.diffId}.tar`, layer.stored));
        members.set(name, symlink(name, `../${layer.diffId}.tar`));
      } else members.set(name, file(name, layer.stored));
      return name;
    }),
  }));
  for (const img of images) {
    const name = `${img.imageId.slice(7)}.json`;
    members.set(name, file(name, img.config));
  }
  const manifestItem = file('manifest.json', JSON.stringify(manifest));
  const items = [...members.values()];
  return buildTar(options.manifestFirst ? [manifestItem, ...items] : [...items, manifestItem]);
}

export interface OciOptions {
  /** A leading folder, as when a layout folder is tarred by its parent. Example: "oci-layout". */
  folder?: string;
  /** "./" before every name, and a "./" member first (tar -cf out.tar .). */
  dotSlash?: boolean;
  /** Also write Docker's manifest.json, as Docker 25+ does. */
  dockerManifest?: boolean;
  /** Replace index.json's manifests list (Docker 25's `null`). */
  manifests?: unknown;
  /** More members, written last. */
  extra?: TarItem[];
}

/** An OCI image layout in a tar: oci-layout, index.json and blobs/sha256/. */
export async function ociArchive(specs: ImageSpec[], options: OciOptions = {}): Promise<Buffer> {
  const images = await Promise.all(specs.map(buildImage));
  const blobs = new Map<string, Buffer>();
  const descriptors = images.map((img, i) => {
    for (const layer of img.layers) blobs.set(layer.blob, layer.stored);
    blobs.set(img.imageId.slice(7), img.config);
    const manifest = Buffer.from(JSON.stringify(ociManifest(img)));
    blobs.set(sha256(manifest), manifest);
    const tag = specs[i]!.tags?.[0];
    return {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: `sha256:${sha256(manifest)}`,
      size: manifest.length,
      ...(tag ? { annotations: { 'org.opencontainers.image.ref.name': tag } } : {}),
    };
  });
  const manifests = 'manifests' in options ? options.manifests : descriptors;
  const index = { schemaVersion: 2, manifests };
  const prefix = (options.dotSlash ? './' : '') + (options.folder ? `${options.folder}/` : '');
  const items: TarItem[] = options.dotSlash ? [dir('./')] : [];
  items.push(file(`${prefix}oci-layout`, '{"imageLayoutVersion":"1.0.0"}'));
  items.push(file(`${prefix}index.json`, JSON.stringify(index)));
  for (const [hex, bytes] of blobs) items.push(file(`${prefix}blobs/sha256/${hex}`, bytes));
  if (options.dockerManifest) {
    items.push(file(`${prefix}manifest.json`, dockerV25Manifest(images, specs)));
  }
  return buildTar([...items, ...(options.extra ?? [])]);
}

function ociManifest(img: BuiltImage): unknown {
  return {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: img.imageId,
      size: img.config.length,
    },
    layers: img.layers.map((l) => ({
      mediaType: l.mediaType,
      digest: `sha256:${l.blob}`,
      size: l.stored.length,
    })),
  };
}

function dockerV25Manifest(images: BuiltImage[], specs: ImageSpec[]): string {
  return JSON.stringify(
    images.map((img, i) => ({
      Config: `blobs/sha256/${img.imageId.slice(7)}`,
      RepoTags: specs[i]!.tags ?? null,
      Layers: img.layers.map((l) => `blobs/sha256/${l.blob}`),
    })),
  );
}
