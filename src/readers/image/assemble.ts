import { parseImageConfig, type ImageConfig } from './config.js';
import { dockerPlans } from './docker-manifest.js';
import { baseLayerCounts, resolveLayer, type ResolvedLayer } from './layers.js';
import { ociPlans } from './oci-index.js';
import type { ImagePlan, LayerRef } from './plan.js';
import type { ArchiveView } from './view.js';

/** One image of an archive, ready to be emitted. */
export interface AssembledImage {
  /** Config digest. Example: "sha256:cda5…". */
  imageId: string;
  names: string[];
  /** The config's member, for the image-config observation's source. */
  configMember: string | null;
  config: ImageConfig;
  layers: ResolvedLayer[];
  baseLayers: number;
}

interface Group {
  imageId: string;
  configMember: string;
  config: ImageConfig;
  plans: ImagePlan[];
}

/**
 * Builds the images an archive holds from both of its entry points:
 * Docker's manifest.json and the OCI index.json (Docker 25+ writes both).
 * Plans naming the same config are one image. When the two disagree, the
 * non-empty one wins and the disagreement is a warning.
 */
export function assembleImages(view: ArchiveView): AssembledImage[] {
  const docker = dockerPlans(view);
  const oci = ociPlans(view);
  if (docker.length > 0 && oci.present && oci.plans.length === 0 && oci.emptyAs) {
    const said = oci.emptyAs === 'null' ? 'null' : 'an empty list';
    view.warnOnce(indexMember(view), `index.json lists no manifests (${said}); read manifest.json`);
  }
  const groups = groupPlans(view, [...docker, ...oci.plans]);
  const images = groups.map((g) => buildImage(view, g));
  const counts = baseLayerCounts(images.map((img) => img.layers.map((l) => l.digest)));
  images.forEach((img, i) => (img.baseLayers = counts[i] ?? 0));
  return images;
}

function indexMember(view: ArchiveView): string {
  return view.root === '' ? 'index.json' : `${view.root}/index.json`;
}

function groupPlans(view: ArchiveView, plans: ImagePlan[]): Group[] {
  const groups = new Map<string, Group>();
  for (const plan of plans) {
    const info = view.resolve(plan.config);
    if (!info?.sha256) {
      view.skipOnce(plan.where, `image config ${plan.config} is not in the archive`);
      continue;
    }
    const imageId = `sha256:${info.sha256}`;
    const known = groups.get(imageId);
    if (known) {
      known.plans.push(plan);
      continue;
    }
    const value = view.json(info);
    const config = value === undefined ? null : parseImageConfig(value);
    if (!config) {
      if (value !== undefined) view.skipOnce(info.member, 'image config is not a JSON object');
      continue;
    }
    groups.set(imageId, { imageId, configMember: info.member, config, plans: [plan] });
  }
  return [...groups.values()];
}

function buildImage(view: ArchiveView, group: Group): AssembledImage {
  const names = [...new Set(group.plans.flatMap((p) => p.names))];
  const label = `image ${names[0] ?? group.imageId.slice(0, 19)}`;
  const refs = chooseLayers(view, group, label);
  return {
    imageId: group.imageId,
    names,
    configMember: group.configMember,
    config: group.config,
    layers: refs.map((ref, i) => resolveLayer(view, ref, i, group.config, label)),
    baseLayers: 0,
  };
}

/**
 * The layer list to read: the plan whose count matches the config's
 * diff_ids, else the first non-empty one. Docker 25.0.0 wrote OCI manifests
 * with `"layers": []` beside a correct manifest.json.
 */
function chooseLayers(view: ArchiveView, group: Group, label: string): LayerRef[] {
  const want = group.config.diffIds.length;
  const listed = group.plans.filter((p) => p.layers.length > 0);
  const chosen = listed.find((p) => p.layers.length === want) ?? listed[0];
  const first = group.plans[0]!;
  if (!chosen) {
    const message = `${label}: no manifest lists the ${want} layers its config names`;
    if (want > 0) view.warnOnce(first.where, message);
    return [];
  }
  for (const plan of group.plans) {
    if (plan === chosen || sameLayers(view, plan, chosen)) continue;
    const message =
      `${label}: ${plan.origin} lists ${plan.layers.length} layers but ` +
      `${chosen.origin} lists ${chosen.layers.length}; read those of ${chosen.origin}`;
    view.warnOnce(plan.where, message);
  }
  if (want > 0 && chosen.layers.length !== want) {
    const message =
      `${label}: its config names ${want} layers ` +
      `but ${chosen.origin} lists ${chosen.layers.length}`;
    view.warnOnce(chosen.where, message);
  }
  return chosen.layers;
}

function sameLayers(view: ArchiveView, a: ImagePlan, b: ImagePlan): boolean {
  if (a.layers.length !== b.layers.length) return false;
  return a.layers.every((ref, i) => {
    const other = b.layers[i]!;
    const mine = ref.name ? view.resolve(ref.name)?.member : undefined;
    const theirs = other.name ? view.resolve(other.name)?.member : undefined;
    return mine !== undefined && mine === theirs;
  });
}
