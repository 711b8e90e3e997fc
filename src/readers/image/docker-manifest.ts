import { arr, obj, str, strings } from '../../util/text.js';
import type { ImagePlan } from './plan.js';
import type { ArchiveView } from './view.js';

/**
 * `docker save`'s manifest.json: one object per image, paths relative to
 * the archive root. Legacy archives name `<id>/layer.tar`; Docker 25+
 * names `blobs/sha256/<hex>`; Kaniko names `<hex>.tar.gz` and a config
 * member called `sha256:<hex>`. Example:
 * [{"Config":"cda5….json","RepoTags":["evidence/tampered:1.0"],
 *   "Layers":["6866…/layer.tar","4c7a…/layer.tar"]}]
 */
export function dockerPlans(view: ArchiveView): ImagePlan[] {
  const where = view.root === '' ? 'manifest.json' : `${view.root}/manifest.json`;
  const info = view.resolve('manifest.json');
  if (!info) return [];
  const value = view.json(info);
  if (value === undefined) return [];
  if (value === null) {
    view.warnOnce(where, 'manifest.json lists no image (it holds null)');
    return [];
  }
  if (!Array.isArray(value)) {
    view.skipOnce(where, 'manifest.json is not a list of images');
    return [];
  }
  const plans: ImagePlan[] = [];
  value.forEach((item, i) => {
    const plan = planOf(item, where);
    if (plan) plans.push(plan);
    else view.skipOnce(where, `image ${i + 1} of manifest.json has no Config to read`);
  });
  return plans;
}

function planOf(item: unknown, where: string): ImagePlan | null {
  const image = obj(item);
  const config = str(image?.Config);
  if (!image || !config) return null;
  return {
    origin: 'manifest.json',
    where,
    config,
    configDigest: null,
    names: strings(image.RepoTags),
    layers: arr(image.Layers).map((layer) => {
      const name = str(layer);
      return { name, declared: name ?? String(layer), mediaType: null, digest: null };
    }),
  };
}
