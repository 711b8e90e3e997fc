import type { Readable } from 'node:stream';
import { describe } from '../util/errors.js';
import {
  finishCustody,
  hashFile,
  openEvidence,
  readChunkFor,
  type OpenedEvidence,
} from '../evidence/open.js';
import type { EvidenceFile } from '../evidence/paths.js';
import { NotThisFormat, type Reader, type ReaderOutput } from './reader.js';
import { identify } from './registry.js';
import { contextFor, newStats, type InputStats, type WarningSink } from './run.js';

/** An input that a reader read, with its chain-of-custody facts. */
export interface ReadInput {
  stats: InputStats;
  sha256: string;
  bytes: number;
}

/** An input no reader took, and why. */
export interface SkippedInput {
  path: string;
  reason: string;
  sha256: string;
  bytes: number;
}

/**
 * All inputs of a run. Files are opened and sniffed up front; each read
 * input's observations are a stream for the replay. The lists are complete
 * once every stream has ended.
 */
export class InputSet {
  readonly read: ReadInput[] = [];
  readonly skipped: SkippedInput[] = [];
  readonly streams: AsyncIterable<ReaderOutput>[] = [];
  private readonly formats = new Map<string, string>();
  private readonly reading: OpenedEvidence[] = [];

  formatOf(path: string): string {
    return this.formats.get(path) ?? 'unknown';
  }

  /** Raw bytes read so far from the inputs being read, for progress. */
  bytesRead(): number {
    let total = 0;
    for (const opened of this.reading) total += opened.custody.bytes;
    return total;
  }

  add(opened: OpenedEvidence, sink: WarningSink): Promise<void> | void {
    const found = identify(opened.head);
    if ('skip' in found) return this.skip(opened, found.skip);
    const stats = newStats(opened.file.path, found.reader.id);
    this.formats.set(stats.path, stats.format);
    this.reading.push(opened);
    this.streams.push(this.stream(found.reader, opened, stats, sink));
  }

  /**
   * One input's observations. A reader that throws ends that input only:
   * what it yielded stands and the error becomes a warning, unless it gave
   * the input up as not its format before yielding anything.
   */
  private async *stream(
    reader: Reader,
    opened: OpenedEvidence,
    stats: InputStats,
    sink: WarningSink,
  ): AsyncGenerator<ReaderOutput> {
    const ctx = contextFor(stats, sink);
    try {
      yield* reader.read(opened.content, ctx, opened.head);
    } catch (error) {
      if (error instanceof NotThisFormat && stats.records === 0) {
        await this.skip(opened, error.message);
        return;
      }
      ctx.warn(null, `reading stopped early: ${describe(error)}`);
    }
    await finishCustody(opened);
    const { sha256, bytes } = opened.custody;
    this.read.push({ stats, sha256, bytes });
  }

  private async skip(opened: OpenedEvidence, reason: string): Promise<void> {
    await finishCustody(opened);
    const { sha256, bytes } = opened.custody;
    this.skipped.push({ path: opened.file.path, reason, sha256, bytes });
  }

  /** Records a file that could not be opened or decoded; its bytes are still hashed. */
  async unreadable(file: EvidenceFile, error: unknown): Promise<void> {
    const custody = file.stdin ? null : await hashFile(file.path).catch(() => null);
    this.skipped.push({
      path: file.path,
      reason: `cannot be read: ${describe(error)}`,
      sha256: custody?.sha256 ?? '',
      bytes: custody?.bytes ?? 0,
    });
  }
}

/** Opens every file and hands each to the reader that recognizes it. */
export async function openInputs(
  files: EvidenceFile[],
  sink: WarningSink,
  stdin?: Readable,
): Promise<InputSet> {
  const inputs = new InputSet();
  const readChunk = readChunkFor(files.length);
  for (const file of files) {
    if (file.unreadable) {
      inputs.skipped.push({ path: file.path, reason: file.unreadable, sha256: '', bytes: 0 });
      continue;
    }
    let opened: OpenedEvidence;
    try {
      opened = await openEvidence(file, readChunk, stdin);
    } catch (error) {
      await inputs.unreadable(file, error);
      continue;
    }
    await inputs.add(opened, sink);
  }
  return inputs;
}
