import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * Reads one archive member's bytes in order, hashing them as they pass.
 * tar-stream aborts the whole archive when a member's stream is destroyed,
 * so this never destroys it: whatever is left unread is drained instead.
 * Pulls are chained one after another, since tar-stream's iterator keeps a
 * single pending read.
 */
export class MemberReader {
  private readonly iterator: AsyncIterator<unknown>;
  private readonly hash = createHash('sha256');
  private readonly peeked: Buffer[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private ended = false;
  private digest: string | null = null;
  /** Bytes pulled from the member so far. */
  bytes = 0;
  /** Off when another hash covers the same bytes (a plain layer's diff_id). */
  hashing = true;

  constructor(member: AsyncIterable<unknown>) {
    this.iterator = member[Symbol.asyncIterator]();
  }

  /** The next chunk, or null at the end. Throws when the archive breaks. */
  next(): Promise<Buffer | null> {
    const peeked = this.peeked.shift();
    if (peeked) return Promise.resolve(peeked);
    const pull = this.queue.then(() => this.pull());
    this.queue = pull.catch(() => undefined);
    return pull;
  }

  private async pull(): Promise<Buffer | null> {
    if (this.ended) return null;
    const step = await this.iterator.next();
    if (step.done) {
      this.ended = true;
      return null;
    }
    const value = step.value as Uint8Array;
    const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    if (this.hashing) this.hash.update(chunk);
    this.bytes += chunk.length;
    return chunk;
  }

  /** The first `size` bytes (fewer at the end), left in place to be read again. */
  async peek(size: number): Promise<Buffer> {
    let have = this.peeked.reduce((n, c) => n + c.length, 0);
    while (have < size) {
      const chunk = await this.pullQueued();
      if (!chunk) break;
      this.peeked.push(chunk);
      have += chunk.length;
    }
    return Buffer.concat(this.peeked).subarray(0, size);
  }

  private pullQueued(): Promise<Buffer | null> {
    const pull = this.queue.then(() => this.pull());
    this.queue = pull.catch(() => undefined);
    return pull;
  }

  /** The rest of the member as a stream; destroying it leaves the member intact. */
  stream(): Readable {
    const self = this;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let chunk = await self.next(); chunk; chunk = await self.next()) yield chunk;
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  /** The whole rest in memory, or null (and the rest drained) when over `limit` bytes. */
  async readAll(limit: number): Promise<Buffer | null> {
    const chunks: Buffer[] = [];
    let size = 0;
    for (let chunk = await this.next(); chunk; chunk = await this.next()) {
      size += chunk.length;
      if (size > limit) {
        await this.drain();
        return null;
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  /** Reads to the end, so the hash covers the member and the archive can go on. */
  async drain(): Promise<void> {
    while (await this.next()) {
      // Each chunk is hashed as it is pulled.
    }
  }

  /** SHA-256 of the member's bytes, once drained; null when hashing was turned off. */
  get sha256(): string | null {
    if (!this.hashing) return null;
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }
}
