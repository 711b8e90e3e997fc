import type { ImageLayer } from '../../model/observation.js';
import { parseTime, type Instant } from '../../util/time.js';
import { arr, bool, obj, str, strings } from '../../util/text.js';

/**
 * An image config, as the OCI image spec (config.md) and Docker's image
 * JSON write it. Example:
 * {"created":"2026-12-03T15:33:14Z","config":{"User":"root","Env":["A=1"],"Cmd":["httpd"]},
 *  "rootfs":{"type":"layers","diff_ids":["sha256:ce31…"]},
 *  "history":[{"created_by":"/bin/sh -c …","empty_layer":true}]}
 * `docker image inspect` writes the same fields capitalized (Config,
 * RootFS.Layers, Created), so both spellings are read.
 */
export interface ImageConfig {
  created: Instant | null;
  user: string | null;
  env: string[];
  entrypoint: string[] | null;
  command: string[] | null;
  history: { created: string | null; createdBy: string | null; emptyLayer: boolean }[];
  /** Uncompressed layer digests, bottom first. Example: "sha256:ce31…". */
  diffIds: string[];
}

export function parseImageConfig(value: unknown): ImageConfig | null {
  const root = obj(value);
  if (!root) return null;
  const run = obj(root.config) ?? obj(root.Config) ?? {};
  const rootfs = obj(root.rootfs) ?? obj(root.RootFS) ?? {};
  return {
    created: parseTime(root.created ?? root.Created),
    user: str(run.User),
    env: strings(run.Env),
    entrypoint: commandOf(run.Entrypoint),
    command: commandOf(run.Cmd),
    history: arr(root.history ?? root.History).map(historyEntry),
    diffIds: strings(rootfs.diff_ids ?? rootfs.Layers),
  };
}

/** A command is a list of words; a bare string is the shell form. Example: "httpd -f". */
function commandOf(value: unknown): string[] | null {
  if (typeof value === 'string') return value === '' ? null : [value];
  if (!Array.isArray(value)) return null;
  return strings(value);
}

function historyEntry(value: unknown): ImageConfig['history'][number] {
  const h = obj(value) ?? {};
  return {
    created: parseTime(h.created)?.iso ?? null,
    createdBy: str(h.created_by),
    emptyLayer: bool(h.empty_layer) ?? false,
  };
}

/**
 * The image's layers, bottom first, each with the history line that made
 * it: history entries marked `empty_layer` made no layer, the others match
 * the layers in order.
 */
export function layersOf(
  config: ImageConfig,
  digests: (string | null)[],
  sizes: (number | null)[],
): ImageLayer[] {
  const makers = config.history.filter((h) => !h.emptyLayer).map((h) => h.createdBy);
  return digests.map((digest, i) => ({
    digest,
    createdBy: makers[i] ?? null,
    size: sizes[i] ?? null,
  }));
}
