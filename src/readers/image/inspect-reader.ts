import type { Readable } from 'node:stream';
import type { Head } from '../../evidence/open.js';
import type { ImageConfigObservation, Observation } from '../../model/observation.js';
import { obj, strings } from '../../util/text.js';
import type { ReadContext, Reader } from '../reader.js';
import { jsonDocumentRecords } from '../shared/json-records.js';
import { layersOf, parseImageConfig } from './config.js';
import { firstRecord, hasKeys } from './json-sniff.js';

/**
 * `docker image inspect` and `podman image inspect`: a JSON array of image
 * objects (or one object). Example (abridged):
 * [{"Id":"sha256:cda5…","RepoTags":["evidence/tampered:1.0"],"Created":"2026-12-03T15:33:14Z",
 *   "Config":{"User":"root","Env":["A=1"],"Cmd":["httpd"]},
 *   "RootFS":{"Type":"layers","Layers":["sha256:ce31…"]}}]
 * Container inspect objects carry State and HostConfig instead of RootFS;
 * they belong to the container readers.
 */
export const imageInspectReader: Reader = {
  id: 'image-inspect',
  description: 'image inspect output (docker and podman)',
  exportCommand: 'docker image inspect IMAGE > image_inspect.json',
  sniff: (head) => {
    const record = firstRecord(head);
    return record !== null && record.shape !== 'lines' && isImageInspect(record.first);
  },
  read: readInspect,
};

export function isImageInspect(record: Record<string, unknown>): boolean {
  if (hasKeys(record, 'State') || hasKeys(record, 'HostConfig')) return false;
  return hasKeys(record, 'Id', 'RootFS') || hasKeys(record, 'Id', 'Config', 'RepoTags');
}

async function* readInspect(
  content: Readable,
  ctx: ReadContext,
  _head: Head,
): AsyncGenerator<Observation> {
  for await (const { value, line } of jsonDocumentRecords(content)) {
    ctx.record();
    const record = obj(value);
    const imageId = record ? imageIdOf(record.Id) : null;
    if (!record || !imageId || !isImageInspect(record)) {
      ctx.skip(line, 'not an image inspect object (no full Id, RootFS or Config)');
      continue;
    }
    yield inspectObservation(record, imageId, ctx.path, line);
  }
}

/** Docker writes "sha256:<hex>", Podman the bare hex. */
export function imageIdOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(?:sha256:)?([0-9a-f]{64})$/i.exec(value.trim());
  return m ? `sha256:${m[1]!.toLowerCase()}` : null;
}

function inspectObservation(
  record: Record<string, unknown>,
  imageId: string,
  path: string,
  line: number,
): ImageConfigObservation {
  const config = parseImageConfig(record)!;
  return {
    kind: 'image-config',
    time: config.created?.iso ?? null,
    ts: config.created?.ms ?? null,
    source: { path, line },
    imageId,
    names: strings(record.RepoTags),
    user: config.user,
    env: config.env,
    entrypoint: config.entrypoint,
    command: config.command,
    history: config.history,
    layers: layersOf(config, config.diffIds, []),
  };
}
