import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Custody } from './custody.js';
import { detectEncoding, toUtf8 } from './decode.js';
import type { EvidenceFile } from './paths.js';

/**
 * Bytes read from disk at a time: large reads keep the disk ahead of the
 * parser. Every input is open at once for the replay, so the read buffers
 * of a run share one budget: many files get small reads.
 */
const READ_BUDGET = 64 * 1024 * 1024;
const MIN_READ = 64 * 1024;
const MAX_READ = 1024 * 1024;

/** The read size for each of `files` inputs open together. */
export function readChunkFor(files: number): number {
  return Math.max(MIN_READ, Math.min(MAX_READ, Math.floor(READ_BUDGET / Math.max(1, files))));
}

/**
 * How much decoded content readers get to sniff a format from: 64 KiB, in
 * which no one line counts for more than 4 KiB, so that a record padded by
 * whoever wrote the evidence (a 100 KB command line, a huge label) cannot
 * push the lines that tell the format out of sight. Never more than 4 MiB.
 */
export const HEAD_BYTES = 64 * 1024;
const HEAD_LINE_SHARE = 4 * 1024;
export const HEAD_MAX_BYTES = 4 * 1024 * 1024;

/** The first bytes of a file's content, after gunzip and transcoding. */
export interface Head {
  name: string;
  bytes: Buffer;
  /** The head as text, or null when it holds NUL bytes (binary). */
  text: string | null;
  gzip: boolean;
}

/** An opened input: its head for sniffing and its whole decoded content. */
export interface OpenedEvidence {
  file: EvidenceFile;
  head: Head;
  /** Decoded content from the first byte; read it once. */
  content: Readable;
  /** Chain of custody, complete once `content` has been read to its end. */
  custody: Custody;
}

/**
 * Opens a file or stdin, hashing the raw bytes as they stream past, and
 * decodes gzip (by its magic bytes 1F 8B, whatever the name) and UTF-16 or
 * BOM-prefixed text, so that every reader sees plain bytes or UTF-8.
 */
export async function openEvidence(
  file: EvidenceFile,
  readChunk = MAX_READ,
  stdin: Readable = process.stdin,
): Promise<OpenedEvidence> {
  const custody = new Custody();
  const raw = file.stdin ? stdin : createReadStream(file.path, { highWaterMark: readChunk });
  const tapped = forward(raw, new HashTap(custody));
  const [first, raw2] = await peek(tapped, 2);
  const gzip = first[0] === 0x1f && first[1] === 0x8b;
  const [start, plain] = await peek(gzip ? forward(raw2, createGunzip()) : raw2, 3);
  const decoder = toUtf8(detectEncoding(start));
  const decoded = decoder ? forward(plain, decoder) : plain;
  const meter = new HeadMeter();
  const [headBytes, body] = await peek(decoded, HEAD_MAX_BYTES, meter);
  const bytes = headBytes.subarray(0, Math.min(meter.cut ?? Infinity, HEAD_MAX_BYTES));
  const head: Head = { name: basename(file.path), bytes, text: asText(bytes), gzip };
  return { file, head, content: body, custody };
}

function asText(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  return bytes.toString('utf8');
}

/** Pipes, carrying errors from the source to the destination. */
function forward<T extends Transform>(source: Readable, dest: T): T {
  source.on('error', (err) => dest.destroy(err));
  return source.pipe(dest);
}

/**
 * Reads at least `size` bytes (or all there is) without consuming them:
 * they are put back at the front of the stream, which stays paused. A
 * stream that ended meanwhile cannot take them back, so a new one holding
 * them is returned instead.
 */
async function peek(
  stream: Readable,
  size: number,
  meter?: HeadMeter,
): Promise<[Buffer, Readable]> {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < size && !meter?.full) {
    const chunk = stream.read() as Buffer | null;
    if (chunk !== null) {
      chunks.push(chunk);
      length += chunk.length;
      meter?.add(chunk);
      continue;
    }
    if (stream.readableEnded || !(await readable(stream))) break;
  }
  const head = Buffer.concat(chunks);
  if (stream.readableEnded) return [head, Readable.from(head.length > 0 ? [head] : [])];
  if (head.length > 0) stream.unshift(head);
  return [head, stream];
}

/** Resolves true when more can be read, false at the end; rejects on error. */
function readable(stream: Readable): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const done = (value: boolean, error?: Error): void => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
      if (error) reject(error);
      else resolve(value);
    };
    const onReadable = (): void => done(true);
    const onEnd = (): void => done(false);
    const onError = (error: Error): void => done(false, error);
    stream.on('readable', onReadable);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

/** Counts head bytes with no line weighing more than its share. */
class HeadMeter {
  private counted = 0;
  private line = 0;
  private seen = 0;
  /** Where the head ends, once it is full. */
  cut: number | null = null;

  get full(): boolean {
    return this.cut !== null;
  }

  add(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0 && !this.full; nl = chunk.indexOf(10, start)) {
      this.take(nl + 1 - start);
      this.line = 0;
      start = nl + 1;
    }
    if (!this.full) this.take(chunk.length - start);
  }

  /** Counts a run of bytes of the current line; only its share of the line counts. */
  private take(bytes: number): void {
    const counts = Math.min(Math.max(0, HEAD_LINE_SHARE - this.line), bytes);
    if (this.counted + counts >= HEAD_BYTES) this.cut = this.seen + (HEAD_BYTES - this.counted);
    this.counted += counts;
    this.line += bytes;
    this.seen += bytes;
  }
}

class HashTap extends Transform {
  constructor(private readonly custody: Custody) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.custody.update(chunk);
    done(null, chunk);
  }
}

/**
 * Reads what a reader left unread, so the hash and size cover the whole
 * file. When decoding failed part-way (a corrupt gzip stream), the file is
 * hashed again from disk.
 */
export async function finishCustody(opened: OpenedEvidence): Promise<void> {
  try {
    for await (const _chunk of opened.content) {
      // The hash tap sees every byte on its way here.
    }
  } catch {
    // The content is broken; the raw bytes still get hashed below.
  }
  opened.custody.finish();
  if (opened.file.stdin) return;
  const size = (await stat(opened.file.path)).size;
  if (opened.custody.bytes !== size) await rehash(opened);
}

async function rehash(opened: OpenedEvidence): Promise<void> {
  opened.custody = await hashFile(opened.file.path);
}

/** Hashes a file from disk on its own, for inputs whose decoding failed. */
export async function hashFile(path: string): Promise<Custody> {
  const custody = new Custody();
  for await (const chunk of createReadStream(path)) custody.update(chunk as Buffer);
  custody.finish();
  return custody;
}
