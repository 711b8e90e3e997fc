import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { finishCustody, openEvidence } from '../../src/evidence/open.js';

const dir = mkdtempSync(join(tmpdir(), 'stowaway-open-'));

function fileWith(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function readAll(path: string) {
  const opened = await openEvidence({ path, stdin: false });
  const chunks: Buffer[] = [];
  for await (const chunk of opened.content) chunks.push(chunk as Buffer);
  await finishCustody(opened);
  return { opened, text: Buffer.concat(chunks).toString('utf8') };
}

const TEXT = '{"a":1}\n{"b":"\u00e9"}\n';

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

describe('openEvidence', () => {
  it.each([
    { name: 'plain.json', bytes: Buffer.from(TEXT), gzip: false },
    {
      name: 'bom.json',
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]),
      gzip: false,
    },
    {
      name: 'le.json',
      bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]),
      gzip: false,
    },
    {
      name: 'be.json',
      bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]),
      gzip: false,
    },
    { name: 'misnamed.txt', bytes: gzipSync(Buffer.from(TEXT)), gzip: true },
    {
      name: 'gzip-of-utf16.log',
      bytes: gzipSync(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])),
      gzip: true,
    },
  ])('$name decodes to plain UTF-8 and hashes the raw bytes', async ({ name, bytes, gzip }) => {
    const { opened, text } = await readAll(fileWith(name, bytes));
    expect(text).toBe(TEXT);
    expect(opened.head.text).toBe(TEXT);
    expect(opened.head.gzip).toBe(gzip);
    expect(opened.custody.bytes).toBe(bytes.length);
    expect(opened.custody.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('reaches past a padded first line to the lines that tell the format', async () => {
    const padded = `{"Args":["${'x'.repeat(200_000)}"]}\n{"status":"start"}\n`;
    const { opened } = await readAll(fileWith('padded.ndjson', Buffer.from(padded)));
    expect(opened.head.text).toContain('{"status":"start"}');
  });

  it('marks binary heads as not text', async () => {
    const { opened } = await readAll(fileWith('bin.dat', Buffer.from([1, 0, 2, 0, 3])));
    expect(opened.head.text).toBeNull();
  });

  it('gives an empty head for an empty file', async () => {
    const { opened, text } = await readAll(fileWith('empty.log', Buffer.alloc(0)));
    expect(opened.head.bytes.length).toBe(0);
    expect(text).toBe('');
    expect(opened.custody.sha256).toBe(createHash('sha256').digest('hex'));
  });

  it('fails a corrupt gzip stream on read and still hashes the file whole', async () => {
    const good = gzipSync(Buffer.from(TEXT.repeat(50000)));
    const bad = Buffer.concat([good.subarray(0, good.length >> 1), Buffer.alloc(5000, 7)]);
    const path = fileWith('broken.gz', bad);
    const opened = await openEvidence({ path, stdin: false });
    const read = async (): Promise<void> => {
      for await (const _chunk of opened.content) {
        // read to the error
      }
    };
    await expect(read()).rejects.toThrow();
    await finishCustody(opened);
    expect(opened.custody.bytes).toBe(bad.length);
    expect(opened.custody.sha256).toBe(createHash('sha256').update(bad).digest('hex'));
  });

  it('rejects a file whose gzip header is broken', async () => {
    const path = fileWith('header.gz', Buffer.from([0x1f, 0x8b, 0xff, 0xff, 1, 2, 3]));
    await expect(openEvidence({ path, stdin: false })).rejects.toThrow();
  });

  it('streams a large file past the head intact', async () => {
    const big = Buffer.from('x'.repeat(100) + '\n')
      .toString()
      .repeat(3000);
    const { text, opened } = await readAll(fileWith('big.log', Buffer.from(big)));
    expect(text).toBe(big);
    expect(opened.head.bytes.length).toBe(64 * 1024);
  });
});
