import type { Readable } from 'node:stream';
import type { Head } from '../../evidence/open.js';
import type { ImageConfigObservation, Observation } from '../../model/observation.js';
import { num, obj, str } from '../../util/text.js';
import { parseTime } from '../../util/time.js';
import type { ReadContext, Reader } from '../reader.js';
import { jsonDocumentRecords, jsonLines, type JsonRecord } from '../shared/json-records.js';
import { imageIdOf } from './inspect-reader.js';
import { firstRecord, hasKeys } from './json-sniff.js';

/**
 * `podman history --format json`: one image's history, newest step first.
 * Example: [{"id":"cda5…","created":"2026-12-03T15:33:16.79Z","CreatedBy":"umoci config …",
 *   "size":0,"comment":""},{"id":"<missing>","CreatedBy":"/bin/sh -c tamper","size":2013184}]
 * `docker history --no-trunc --format '{{json .}}'` writes the same steps
 * as JSON lines with ID, CreatedAt, CreatedBy and a human Size ("2.01MB").
 */
export const imageHistoryReader: Reader = {
  id: 'image-history',
  description: 'image build history (podman history --format json, docker history JSON lines)',
  exportCommand: 'podman history --no-trunc --format json IMAGE > history.json',
  sniff: (head) => {
    const record = firstRecord(head);
    if (!record) return false;
    if (record.shape === 'lines') return hasKeys(record.first, 'ID', 'CreatedBy', 'CreatedSince');
    return record.shape === 'array' && hasKeys(record.first, 'id', 'CreatedBy');
  },
  read: readHistory,
};

interface Step {
  id: string | null;
  created: string | null;
  createdBy: string | null;
  size: number | null;
  line: number;
}

async function* readHistory(
  content: Readable,
  ctx: ReadContext,
  head: Head,
): AsyncGenerator<Observation> {
  const lines = firstRecord(head)?.shape === 'lines';
  const steps: Step[] = [];
  for await (const record of lines ? jsonLines(content, ctx) : jsonDocumentRecords(content)) {
    ctx.record();
    const step = stepOf(record);
    if (step) steps.push(step);
    else ctx.skip(record.line, 'not a history step (no CreatedBy)');
  }
  const newest = steps[0];
  if (!newest) return;
  const imageId = imageIdOf(newest.id);
  if (!imageId) {
    const message =
      'the newest history step names no full image ID, so the history cannot be tied ' +
      'to an image; export it with --no-trunc';
    ctx.skip(newest.line, message);
    return;
  }
  yield historyObservation(steps, imageId, ctx.path);
}

function stepOf({ value, line }: JsonRecord): Step | null {
  const o = obj(value);
  if (!o || !('CreatedBy' in o)) return null;
  return {
    id: str(o.id) ?? str(o.ID),
    created: parseTime(o.created ?? o.CreatedAt)?.iso ?? null,
    createdBy: str(o.CreatedBy),
    size: num(o.size) ?? humanSize(o.Size),
    line,
  };
}

const UNITS: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** Docker prints sizes in SI units (go-units HumanSize). Example: "2.01MB" -> 2010000. */
function humanSize(value: unknown): number | null {
  const m = typeof value === 'string' ? /^([\d.]+)\s*([kKMGT]?B)$/.exec(value.trim()) : null;
  if (!m) return num(value);
  const amount = Number(m[1]);
  return Number.isFinite(amount) ? Math.round(amount * UNITS[m[2]!]!) : null;
}

/**
 * The steps oldest first, as an image config lists its history. A step of
 * size 0 made no layer (ENV, CMD, a config change).
 * NOTE: the export does not say `empty_layer`; a step that made an empty
 * layer also reads as size 0, and its layer is then missing from `layers`.
 */
function historyObservation(steps: Step[], imageId: string, path: string): ImageConfigObservation {
  const oldestFirst = [...steps].reverse();
  const newest = steps[0]!;
  const created = parseTime(newest.created);
  return {
    kind: 'image-config',
    time: created?.iso ?? null,
    ts: created?.ms ?? null,
    source: { path, line: newest.line },
    notes: ['image-history'],
    imageId,
    names: [],
    user: null,
    env: [],
    entrypoint: null,
    command: null,
    history: oldestFirst.map((s) => ({
      created: s.created,
      createdBy: s.createdBy,
      emptyLayer: s.size === 0,
    })),
    layers: oldestFirst
      .filter((s) => s.size !== 0)
      .map((s) => ({ digest: null, createdBy: s.createdBy, size: s.size })),
  };
}
