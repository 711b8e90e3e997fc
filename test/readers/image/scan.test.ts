import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ArchiveBudget } from '../../../src/readers/image/budget.js';
import { scanArchive } from '../../../src/readers/image/scan.js';
import { dockerSave } from '../../helpers/image-archive.js';
import { buildTar, fakeZstd, file } from '../../helpers/tar.js';
import { readBytes } from './read.js';

const small = (over: Partial<ConstructorParameters<typeof ArchiveBudget>[0]> = {}) =>
  new ArchiveBudget({ textBytes: 1024, jsonBytes: 1024, entries: 1000, ...over });

describe('what one archive may keep in memory', () => {
  it('stops keeping file text past its allowance, and says so', async () => {
    const items = Array.from({ length: 5 }, (_, i) => file(`etc/f${i}`, 'x'.repeat(400)));
    const budget = small();
    const scan = await scanArchive(Readable.from([await buildTar(items)]), budget);
    expect(scan.flat.map((e) => e.content !== null)).toEqual([true, true, false, false, false]);
    expect(budget.exhausted()).toEqual(['file text over 1024 bytes: later files carry no content']);
  });

  it('stops listing entries past its allowance but counts every record', async () => {
    const items = Array.from({ length: 10 }, (_, i) => file(`etc/f${i}`, 'y'));
    const budget = small({ entries: 4 });
    const scan = await scanArchive(Readable.from([await buildTar(items)]), budget);
    expect(scan.flat).toHaveLength(4);
    expect(scan.records).toBe(10);
    expect(budget.exhausted()[0]).toMatch(/over 4 entries/);
  });

  it('stops keeping JSON metadata past its allowance', async () => {
    const bytes = await dockerSave([{ layers: [{ items: [file('a', 'b')] }] }]);
    const budget = small({ jsonBytes: 10 });
    const scan = await scanArchive(Readable.from([bytes]), budget);
    expect(scan.json.size).toBe(0);
    expect(budget.exhausted()[0]).toMatch(/JSON metadata over/);
  });

  it('hashes a flat export whole, and an image archive not at all', async () => {
    const flat = await scanArchive(Readable.from([await buildTar([file('etc/a', 'b')])]), small());
    expect(flat.sha256).toMatch(/^[0-9a-f]{64}$/);
    const image = await dockerSave([{ layers: [{ items: [file('a', 'b')] }] }]);
    const scan = await scanArchive(Readable.from([image]), small());
    expect(scan).toMatchObject({ sha256: '', marked: true });
  });
});

describe('files compressed with zstd', () => {
  it('are skipped with a reason that says how to read them', async () => {
    const read = await readBytes('image.tar.zst', fakeZstd());
    expect(read.format).toBe('unknown');
    expect(read.skip).toMatch(/zstd -d/);
  });
});
