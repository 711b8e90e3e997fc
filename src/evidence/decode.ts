import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';

/**
 * Text encodings seen in exports: UTF-8 with or without a byte-order mark,
 * and UTF-16 with a BOM, which PowerShell's `>` redirection writes
 * (FF FE for little-endian, FE FF for big-endian). Everything downstream
 * reads UTF-8; this says which transcoding the first bytes call for.
 */
export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

export function detectEncoding(first: Buffer): Encoding {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return 'utf8-bom';
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf16be';
  return 'utf8';
}

/** A transform that turns the given encoding into plain UTF-8 without a BOM. */
export function toUtf8(encoding: Encoding): Transform | null {
  if (encoding === 'utf8') return null;
  if (encoding === 'utf8-bom') return new SkipBytes(3);
  return new Utf16Decoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be');
}

class SkipBytes extends Transform {
  constructor(private remaining: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.remaining > 0) {
      const skip = Math.min(this.remaining, chunk.length);
      this.remaining -= skip;
      chunk = chunk.subarray(skip);
    }
    done(null, chunk.length > 0 ? chunk : undefined);
  }
}

class Utf16Decoder extends Transform {
  private readonly decoder: TextDecoder;

  constructor(label: 'utf-16le' | 'utf-16be') {
    super();
    // ignoreBOM false: the decoder drops the BOM itself.
    this.decoder = new TextDecoder(label, { fatal: false });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const text = this.decoder.decode(chunk, { stream: true });
    done(null, text ? Buffer.from(text, 'utf8') : undefined);
  }

  override _flush(done: TransformCallback): void {
    const text = this.decoder.decode();
    done(null, text ? Buffer.from(text, 'utf8') : undefined);
  }
}
