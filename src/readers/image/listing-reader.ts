import type { Readable } from 'node:stream';
import type { Head } from '../../evidence/open.js';
import type { ImageConfigObservation, Observation } from '../../model/observation.js';
import { obj, str, strings } from '../../util/text.js';
import { parseTime } from '../../util/time.js';
import type { ReadContext, Reader } from '../reader.js';
import { jsonDocumentRecords, jsonLines } from '../shared/json-records.js';
import { imageIdOf } from './inspect-reader.js';
import { firstRecord, hasKeys } from './json-sniff.js';

/**
 * Image listings. They hold no config, but they tie image IDs to names,
 * which joins a container (known by its image ID) to the image's name.
 * - `podman images --format json`: an array.
 *   Example: [{"Id":"f72c…","Names":["docker.io/evidence/base:1.0"],"Created":1796311994,…}]
 * - `docker images --format json`: JSON lines with a short ID unless --no-trunc.
 *   Example: {"ID":"f72c4fbf4b2a","Repository":"evidence/base","Tag":"1.0","CreatedAt":"…"}
 */
export const imageListReader: Reader = {
  id: 'image-list',
  description: 'image listings (podman images / docker images in JSON)',
  exportCommand: 'docker images --no-trunc --format json > images.ndjson',
  sniff: (head) => {
    const record = firstRecord(head);
    if (!record) return false;
    if (record.shape === 'lines') return hasKeys(record.first, 'ID', 'Repository', 'Tag');
    const r = record.first;
    const listing =
      hasKeys(r, 'Id', 'RepoDigests') && (hasKeys(r, 'Names') || hasKeys(r, 'VirtualSize'));
    return record.shape === 'array' && listing && !hasKeys(r, 'Config') && !hasKeys(r, 'State');
  },
  read: readListing,
};

async function* readListing(
  content: Readable,
  ctx: ReadContext,
  head: Head,
): AsyncGenerator<Observation> {
  const lines = firstRecord(head)?.shape === 'lines';
  const records = lines ? jsonLines(content, ctx) : jsonDocumentRecords(content);
  for await (const { value, line } of records) {
    ctx.record();
    const record = obj(value);
    const id = record ? idOf(record) : null;
    if (!record || !id) {
      ctx.skip(line, 'not an image listing entry (no image ID)');
      continue;
    }
    yield listingObservation(record, id, ctx.path, line);
  }
}

/**
 * The full ID when given; Docker's default 12-digit short ID is kept as
 * printed, noted, and joins other sources by the image's name only.
 */
function idOf(record: Record<string, unknown>): { id: string; short: boolean } | null {
  const full = imageIdOf(record.Id ?? record.ID);
  if (full) return { id: full, short: false };
  const short = str(record.ID)?.replace(/^sha256:/, '');
  if (!short || !/^[0-9a-f]{12,63}$/i.test(short)) return null;
  return { id: short.toLowerCase(), short: true };
}

function namesOf(record: Record<string, unknown>): string[] {
  const names = [...strings(record.Names), ...strings(record.RepoTags)];
  const repo = str(record.Repository);
  const tag = str(record.Tag);
  if (repo && repo !== '<none>') names.push(tag && tag !== '<none>' ? `${repo}:${tag}` : repo);
  return [...new Set(names)];
}

function listingObservation(
  record: Record<string, unknown>,
  { id, short }: { id: string; short: boolean },
  path: string,
  line: number,
): ImageConfigObservation {
  const created = parseTime(record.Created ?? record.CreatedAt);
  return {
    kind: 'image-config',
    time: created?.iso ?? null,
    ts: created?.ms ?? null,
    source: { path, line },
    notes: short ? ['image-listing', 'truncated-image-id'] : ['image-listing'],
    imageId: id,
    names: namesOf(record),
    user: null,
    env: [],
    entrypoint: null,
    command: null,
    history: [],
    layers: [],
  };
}
