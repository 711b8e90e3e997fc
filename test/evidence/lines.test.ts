import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lineBatches } from '../../src/evidence/lines.js';

async function collect(chunks: string[]): Promise<[number, string][]> {
  const out: [number, string][] = [];
  const stream = Readable.from(chunks.map((c) => Buffer.from(c)));
  for await (const batch of lineBatches(stream)) {
    batch.lines.forEach((text, i) => out.push([batch.first + i, text]));
  }
  return out;
}

describe('lineBatches', () => {
  it.each([
    {
      name: 'LF',
      chunks: ['a\nb\n'],
      want: [
        [1, 'a'],
        [2, 'b'],
      ],
    },
    {
      name: 'CRLF',
      chunks: ['a\r\nb\r\n'],
      want: [
        [1, 'a'],
        [2, 'b'],
      ],
    },
    {
      name: 'no final newline',
      chunks: ['a\nb'],
      want: [
        [1, 'a'],
        [2, 'b'],
      ],
    },
    {
      name: 'split across chunks',
      chunks: ['ab', 'c\nd', 'e\n'],
      want: [
        [1, 'abc'],
        [2, 'de'],
      ],
    },
    {
      name: 'blank lines keep numbers',
      chunks: ['a\n\nb\n'],
      want: [
        [1, 'a'],
        [2, ''],
        [3, 'b'],
      ],
    },
    { name: 'multibyte split', chunks: ['\u00e9'.slice(0, 1) + 'x\n'], want: [[1, '\u00e9x']] },
  ])('$name', async ({ chunks, want }) => {
    expect(await collect(chunks)).toEqual(want);
  });

  it('joins a multi-byte character split between chunks', async () => {
    const bytes = Buffer.from('h\u00e9llo\n');
    const stream = Readable.from([bytes.subarray(0, 2), bytes.subarray(2)]);
    const lines: string[] = [];
    for await (const batch of lineBatches(stream)) lines.push(...batch.lines);
    expect(lines).toEqual(['h\u00e9llo']);
  });
});
