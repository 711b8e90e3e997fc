import { createHash, type Hash } from 'node:crypto';

/**
 * The SHA-256 and size of an input's raw bytes, taken as they stream past,
 * for the chain of custody every report states.
 * NOTE: hashing stays on the main thread: handing chunks to a worker cost
 * copies and memory for little gain in wall time on two cores.
 */
export class Custody {
  bytes = 0;
  private readonly hash: Hash = createHash('sha256');
  private digest: string | null = null;

  update(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
  }

  /** Completes the digest once the last chunk has gone through `update`. */
  finish(): void {
    this.digest ??= this.hash.digest('hex');
  }

  /** The digest in hex; `finish` must have been called. */
  get sha256(): string {
    if (this.digest === null) throw new Error('custody digest read before it was finished');
    return this.digest;
  }
}
