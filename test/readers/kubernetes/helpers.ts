import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  HEAD_BYTES,
  openEvidence,
  type Head,
  type OpenedEvidence,
} from '../../../src/evidence/open.js';
import type { Observation } from '../../../src/model/observation.js';
import { READERS, RECOGNIZERS } from '../../../src/readers/kubernetes/index.js';
import type { Reader } from '../../../src/readers/reader.js';
import { collect } from '../../helpers/read.js';
import { contextFor, newStats, type InputStats } from '../../../src/readers/run.js';

/** A head as openEvidence builds it, for text that is already decoded. */
export function headOf(text: string, name = 'input.json'): Head {
  const bytes = Buffer.from(text, 'utf8').subarray(0, HEAD_BYTES);
  return { name, bytes, text: bytes.toString('utf8'), gzip: false };
}

function opened(text: string, name: string): OpenedEvidence {
  const buffer = Buffer.from(text, 'utf8');
  // Several chunks, as a file stream gives them, so that splitting is exercised.
  const chunks = [];
  for (let i = 0; i < buffer.length; i += 4096) chunks.push(buffer.subarray(i, i + 4096));
  return {
    file: { path: name, stdin: false },
    head: headOf(text, name),
    content: Readable.from(chunks),
    custody: undefined as never,
  };
}

/** Which of this family's readers or recognizers takes the text, as the registry would. */
export function identify(text: string, name = 'input.json'): string {
  const head = headOf(text, name);
  const reader = READERS.find((r) => r.sniff(head));
  if (reader) return reader.id;
  const known = RECOGNIZERS.find((r) => r.sniff(head));
  return known ? `skip:${known.reason(head)}` : 'unknown';
}

function readerStream(reader: Reader, input: OpenedEvidence, stats: InputStats) {
  return reader.read(
    input.content,
    contextFor(stats, () => {}),
    input.head,
  );
}

export interface ReadResult {
  observations: Observation[];
  stats: InputStats;
  /** The reason the reader gave the input up, when it did. */
  notThisFormat: string | null;
}

export async function readWith(
  reader: Reader,
  text: string,
  name = 'input.json',
): Promise<ReadResult> {
  const stats = newStats(name, reader.id);
  const observations: Observation[] = [];
  try {
    observations.push(...(await collect(readerStream(reader, opened(text, name), stats))));
  } catch (error) {
    if ((error as Error).name !== 'NotThisFormat') throw error;
    return { observations, stats, notThisFormat: (error as Error).message };
  }
  return { observations, stats, notThisFormat: null };
}

export function ofKind<K extends Observation['kind']>(
  observations: Observation[],
  kind: K,
): Extract<Observation, { kind: K }>[] {
  return observations.filter((o): o is Extract<Observation, { kind: K }> => o.kind === kind);
}

export const jsonl = (...values: unknown[]): string =>
  values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n') + '\n';

/**
 * Writes `text` to a private file and reads it as the tool does, from
 * openEvidence (whose head is bounded per line and up to 4 MiB) through the
 * first reader whose sniff says yes. `format` is that reader's id, or why
 * the input was skipped.
 */
export async function readAsFile(
  text: string,
  name = 'audit.log',
): Promise<ReadResult & { format: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'k8s-reader-'));
  try {
    const path = join(dir, name);
    await writeFile(path, text);
    const input = await openEvidence({ path, stdin: false });
    const reader = READERS.find((r) => r.sniff(input.head));
    if (!reader) {
      input.content.destroy();
      const empty = { observations: [], stats: newStats(name, 'none'), notThisFormat: null };
      return { ...empty, format: `skip:${identifyHead(input.head)}` };
    }
    const stats = newStats(name, reader.id);
    const result = { observations: [] as Observation[], stats, notThisFormat: null };
    try {
      result.observations.push(...(await collect(readerStream(reader, input, stats))));
    } catch (error) {
      if ((error as Error).name !== 'NotThisFormat') throw error;
      return { ...result, notThisFormat: (error as Error).message, format: reader.id };
    }
    return { ...result, format: reader.id };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function identifyHead(head: Head): string {
  const known = RECOGNIZERS.find((r) => r.sniff(head));
  return known ? known.reason(head) : 'unknown';
}
