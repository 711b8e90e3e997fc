import type { Readable } from 'node:stream';
import { UserError } from '../../util/errors.js';

/**
 * Reads a whole document as text, refusing one larger than `maxBytes`.
 * Example hint: "export it with -o json instead".
 */
export async function readText(content: Readable, maxBytes: number, hint: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of content) {
    size += (chunk as Buffer).length;
    if (size > maxBytes)
      throw new UserError(`document over ${maxBytes / 1024 / 1024} MiB; ${hint}`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
