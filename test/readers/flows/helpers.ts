import { collect } from '../../helpers/read.js';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finishCustody, HEAD_BYTES, openEvidence, type Head } from '../../../src/evidence/open.js';
import type { FlowObservation, Observation } from '../../../src/model/observation.js';
import type { ReadContext, Reader } from '../../../src/readers/reader.js';
import { identify } from '../../../src/readers/registry.js';
import { contextFor, newStats, type InputStats } from '../../../src/readers/run.js';
import { evidenceDir } from '../../helpers/cli.js';

/** The shared evidence folder, or null when this checkout has none beside it. */
export const EVIDENCE = evidenceDir();

/** A located message a reader reported. */
export interface Said {
  where: number | string | null;
  message: string;
}

export interface ReadResult {
  flows: FlowObservation[];
  records: number;
  skipped: Said[];
  warnings: Said[];
}

export function headOf(content: string | Buffer, name = 'flows.csv'): Head {
  const all = typeof content === 'string' ? Buffer.from(content) : content;
  const bytes = all.subarray(0, HEAD_BYTES);
  return { name, bytes, text: bytes.includes(0) ? null : bytes.toString('utf8'), gzip: false };
}

/**
 * Reads text through a reader the way the pipeline does, in chunks of
 * `chunk` bytes so that records cross chunk boundaries.
 */
export async function readWith(reader: Reader, text: string, chunk = 7): Promise<ReadResult> {
  const result: ReadResult = { flows: [], records: 0, skipped: [], warnings: [] };
  const ctx: ReadContext = {
    path: 'flows.csv',
    record: (n = 1) => void (result.records += n),
    skip: (where, message) => void result.skipped.push({ where, message }),
    warn: (where, message) => void result.warnings.push({ where, message }),
  };
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  for (const obs of await collect(reader.read(Readable.from(chunks), ctx, headOf(text)))) {
    result.flows.push(asFlow(obs));
  }
  return result;
}

function asFlow(obs: Observation): FlowObservation {
  if (obs.kind !== 'flow') throw new Error(`expected a flow, got ${obs.kind}`);
  return obs;
}

/** The fields a test compares, without provenance and ordering keys. */
export function essence(flow: FlowObservation): Partial<FlowObservation> {
  const { kind: _k, ts: _t, source: _s, ...rest } = flow;
  return rest;
}

interface Outcome {
  format: string;
  stats: InputStats | null;
  flows: FlowObservation[];
  reason: string | null;
}

/** Reads one evidence file the way `analyze` does: sniff through the whole registry, then read. */
export async function readEvidence(relative: string): Promise<Outcome> {
  const path = join(EVIDENCE!, relative);
  const opened = await openEvidence({ path, stdin: false });
  const found = identify(opened.head);
  if ('skip' in found) {
    await finishCustody(opened);
    return { format: 'skipped', stats: null, flows: [], reason: found.skip };
  }
  const stats = newStats(path, found.reader.id);
  const flows: FlowObservation[] = [];
  const ctx = contextFor(stats, () => {});
  for (const obs of await collect(found.reader.read(opened.content, ctx, opened.head))) {
    if (obs.kind === 'flow') flows.push(obs);
  }
  await finishCustody(opened);
  return { format: found.reader.id, stats, flows, reason: null };
}
