import type { Readable } from 'node:stream';
import tar, { type Extract } from 'tar-stream';

/** One member as tar-stream's extractor yields it: a header and its bytes. */
export type TarEntry = Extract extends AsyncIterable<infer E> ? E : never;

/**
 * A tar-stream extractor that also reads old v7 headers (no "ustar"
 * magic); each header's checksum is still verified.
 */
export function newExtract(): Extract {
  // The option exists in tar-stream but is missing from its type declarations.
  const options = { allowUnknownFormat: true } as Parameters<typeof tar.extract>[0];
  return tar.extract(options);
}

/**
 * Writes a byte stream into a tar-stream extractor with backpressure, and
 * ends it. Each chunk is shown to `tap` first (to hash what the extractor
 * reads). When the source fails the extractor is destroyed with its error,
 * so the loop reading entries ends instead of waiting for more.
 */
export async function feedExtract(
  source: Readable,
  extract: Extract,
  tap: (chunk: Buffer) => void = () => undefined,
): Promise<void> {
  try {
    for await (const chunk of source) {
      if (extract.destroyed) return;
      const bytes = chunk as Buffer;
      tap(bytes);
      if (!extract.write(bytes)) await drainOrClose(extract);
    }
    if (!extract.destroyed) extract.end(undefined);
  } catch (error) {
    extract.destroy(error as Error);
  }
}

function drainOrClose(extract: Extract): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      extract.off('drain', done);
      extract.off('close', done);
      resolve();
    };
    extract.on('drain', done);
    extract.on('close', done);
  });
}
