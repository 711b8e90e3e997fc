import type { Readable } from 'node:stream';
import type { Head } from '../evidence/open.js';
import type { Observation } from '../model/observation.js';

/**
 * What a reader reports while it reads: records read, and bad records
 * skipped with their location. Nothing may be dropped without a call here.
 */
export interface ReadContext {
  /** The input's path as the user gave it, for sources. */
  readonly path: string;
  /** Counts records read (lines, objects, archive members). */
  record(count?: number): void;
  /** A bad record, skipped: counted and located. Example: (17, "not JSON: …"). */
  skip(where: number | string | null, message: string): void;
  /** Something worth saying that did not cost a record (e.g. a zstd layer left unread). */
  warn(where: number | string | null, message: string): void;
}

/**
 * What a reader yields: one observation, or a batch of them. Readers on hot
 * paths yield a batch per chunk of input, since every value an async
 * generator yields costs a turn of the event loop.
 */
export type ReaderOutput = Observation | readonly Observation[];

/**
 * One input format. `sniff` is called with the first 64 KiB of decoded
 * content and the file's name; `read` is then called once with the whole
 * decoded content and yields observations, each carrying its source.
 */
export interface Reader {
  /** Stable id, shown as the input's `format` in reports. Example: "k8s-audit". */
  id: string;
  /** One line for `stowaway formats`. */
  description: string;
  /** The command that exports this format. */
  exportCommand: string;
  sniff(head: Head): boolean;
  read(content: Readable, ctx: ReadContext, head: Head): AsyncIterable<ReaderOutput>;
}

/**
 * A format stowaway knows but does not read (a pcap, a text table, a format
 * a later version brings): files of it are skipped with this reason.
 */
export interface Recognizer {
  id: string;
  sniff(head: Head): boolean;
  /** Why files of this format are skipped, and what to do instead. */
  reason(head: Head): string;
}

/**
 * Thrown by a reader that finds, once reading, that the input is not of its
 * format after all (a tar with no image manifest, JSON that is no audit
 * event). The input is then listed as skipped with this reason.
 * Example: throw new NotThisFormat('a tar archive with no manifest.json or index.json')
 */
export class NotThisFormat extends Error {
  override name = 'NotThisFormat';
}
