import { describe, expect, it } from 'vitest';
import { looksLikeTar, sniffCompression } from '../../../src/readers/image/magic.js';
import { normalizeMember, resolveLink, whiteoutOf } from '../../../src/readers/image/paths.js';
import { buildTar, file, gzip } from '../../helpers/tar.js';

describe('member names', () => {
  it.each([
    ['./blobs//sha256/ab', 'blobs/sha256/ab'],
    ['/etc/passwd', 'etc/passwd'],
    ['./', ''],
    ['a/./b/../c', 'a/c'],
    ['../etc/passwd', null],
    ['a/../../b', null],
  ])('%s -> %s', (name, expected) => {
    expect(normalizeMember(name)).toBe(expected);
  });

  it.each([
    ['ab12/layer.tar', '../ce31.tar', 'ce31.tar'],
    ['ab12/layer.tar', '/ce31.tar', 'ce31.tar'],
    ['x/layer.tar', '../../escape', null],
  ])('link %s -> %s resolves to %s', (link, target, expected) => {
    expect(resolveLink(link, target)).toBe(expected);
  });

  it.each([
    ['etc/.wh.motd', { kind: 'whiteout', removed: 'etc/motd' }],
    ['.wh.top', { kind: 'whiteout', removed: 'top' }],
    ['etc/app/.wh..wh..opq', { kind: 'opaque', folder: 'etc/app' }],
    ['.wh..wh.plnk/12.34', { kind: 'aufs' }],
    ['etc/motd', null],
    ['etc/.wh.', null],
  ])('whiteout of %s', (member, expected) => {
    expect(whiteoutOf(member)).toEqual(expected);
  });
});

describe('byte sniffing', () => {
  it.each([
    ['gzip', async () => gzip(Buffer.from('x')), 'gzip'],
    ['zstd', async () => Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0]), 'zstd'],
    ['a tar', async () => buildTar([file('a', 'b')]), 'tar'],
    ['an empty tar', async () => Buffer.alloc(1024), 'tar'],
    ['text', async () => Buffer.from('x'.repeat(600)), 'unknown'],
  ])('%s', async (_name, make, expected) => {
    expect(sniffCompression(await make())).toBe(expected);
  });

  it('claims a tar but not zeros or a tar whose checksum is wrong', async () => {
    const good = await buildTar([file('a', 'b')]);
    const bad = Buffer.from(good);
    bad[0] = 0x7a;
    expect(looksLikeTar(good)).toBe(true);
    expect(looksLikeTar(bad)).toBe(false);
    expect(looksLikeTar(Buffer.alloc(1024))).toBe(false);
  });
});
