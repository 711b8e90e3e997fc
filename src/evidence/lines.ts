import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** Lines of one chunk of a text stream; `first` is the 1-based number of lines[0]. */
export interface LineBatch {
  first: number;
  lines: string[];
}

/** A line longer than this is dropped with a warning instead of exhausting memory. */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

export interface LineOptions {
  onOverlong?: (line: number) => void;
}

/**
 * Splits decoded UTF-8 text into lines, a batch per chunk, so that readers
 * loop synchronously over each batch instead of awaiting every line. A CR
 * before the LF is dropped (CRLF exports from Windows); the last line needs
 * no newline.
 */
export async function* lineBatches(
  stream: Readable,
  options: LineOptions = {},
): AsyncGenerator<LineBatch> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let next = 1;
  let overlong = false;
  for await (const chunk of stream) {
    const piece = decoder.write(chunk as Buffer);
    // Inside a long line, append without splitting: re-splitting the carry
    // for every chunk would cost the square of the line's length.
    if (piece.indexOf('\n') < 0) {
      if (!overlong) carry += piece;
      if (carry.length > MAX_LINE_CHARS) {
        options.onOverlong?.(next);
        carry = '';
        overlong = true;
      }
      continue;
    }
    const text = carry + piece;
    const parts = text.split('\n');
    carry = parts.pop() ?? '';
    if (overlong) {
      // Still inside a dropped line: discard up to its newline.
      if (parts.length === 0) {
        carry = '';
        continue;
      }
      parts.shift();
      next += 1;
      overlong = false;
    }
    if (carry.length > MAX_LINE_CHARS) {
      options.onOverlong?.(next + parts.length);
      carry = '';
      overlong = true;
    }
    if (parts.length === 0) continue;
    stripCarriageReturns(parts);
    yield { first: next, lines: parts };
    next += parts.length;
  }
  const last = carry + decoder.end();
  if (last !== '' && !overlong) yield { first: next, lines: [stripCr(last)] };
}

function stripCarriageReturns(lines: string[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
  }
}

function stripCr(line: string): string {
  return line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}
