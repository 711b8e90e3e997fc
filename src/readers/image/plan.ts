/**
 * What an image archive's manifest says one image is made of, before the
 * names are resolved to members. Docker's manifest.json and the OCI index
 * each give plans; plans with the same config are one image.
 */
export interface ImagePlan {
  origin: 'manifest.json' | 'index.json';
  /** The member that stated the plan, to locate problems. */
  where: string;
  /** The config's member name, relative to the archive root. Example: "cda5….json". */
  config: string;
  /** The config's digest when a descriptor gave it. Example: "sha256:cda5…". */
  configDigest: string | null;
  /** Example: ["docker.io/evidence/tampered:1.0"]. */
  names: string[];
  layers: LayerRef[];
}

/** One layer as a plan names it. */
export interface LayerRef {
  /** Member name relative to the root, or null when the plan gave none we can use. */
  name: string | null;
  /** As written, for messages. Example: "6866…/layer.tar" or "sha256:ddb0…". */
  declared: string;
  /** The descriptor's media type. Example: "application/vnd.oci.image.layer.v1.tar+gzip". */
  mediaType: string | null;
  /** The descriptor's digest (of the blob as stored, compressed or not). */
  digest: string | null;
}
