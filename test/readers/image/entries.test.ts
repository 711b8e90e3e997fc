import { describe, expect, it } from 'vitest';
import { dockerSave, ociArchive } from '../../helpers/image-archive.js';
import { dir, file, hardlink, symlink, type TarItem } from '../../helpers/tar.js';
import { files, ofKind, readBytes, warnings } from './read.js';

/** Reads one image whose layers hold the given members. */
async function readLayers(...layers: TarItem[][]) {
  const spec = { tags: ['t:1'], layers: layers.map((items) => ({ items })) };
  return readBytes('img.tar', await dockerSave([spec]));
}

const TOOL = 'TOOL-25-BYTES-OF-CONTENT!';

describe('layer entries', () => {
  it.each([
    [
      'a regular file',
      file('etc/motd', 'hello\n'),
      'etc/motd',
      { path: '/etc/motd', type: 'file', mode: '0644', size: 6 },
    ],
    ['a folder', dir('var/log/', 0o750), 'var/log', { type: 'dir', mode: '0750', size: 0 }],
    [
      'a setuid file',
      file('usr/local/sbin/.rootsh', 'x', 0o4755),
      'usr/local/sbin/.rootsh',
      { mode: '4755' },
    ],
    ['a setgid sticky file', file('opt/t', 'x', 0o3711), 'opt/t', { mode: '3711' }],
    [
      'a symlink, its target as written',
      symlink('var/log', '/dev/null'),
      'var/log',
      { type: 'symlink', linkTarget: '/dev/null' },
    ],
    [
      'a relative symlink',
      symlink('lib/x.so', '../usr/lib/x.so'),
      'lib/x.so',
      { linkTarget: '../usr/lib/x.so' },
    ],
    ['a whiteout', file('etc/.wh.motd'), 'etc/.wh.motd', { path: '/etc/motd', type: 'whiteout' }],
    [
      'an opaque marker',
      file('etc/app/.wh..wh..opq'),
      'etc/app/.wh..wh..opq',
      { path: '/etc/app', type: 'opaque' },
    ],
    [
      'a ./-prefixed name',
      file('./etc/hosts', '127.0.0.1 x\n'),
      'etc/hosts',
      { path: '/etc/hosts' },
    ],
    [
      'a name with // and .',
      file('usr//./bin/tool', 'x'),
      'usr/bin/tool',
      { path: '/usr/bin/tool' },
    ],
    ['a fifo', { name: 'run/p', type: 'fifo' } as TarItem, 'run/p', { type: 'fifo' }],
    [
      'a char device',
      { name: 'dev/null', type: 'character-device' } as TarItem,
      'dev/null',
      { type: 'char' },
    ],
    [
      'owner ids',
      { ...file('home/u/f', 'x'), uid: 1000, gid: 100 },
      'home/u/f',
      { uid: 1000, gid: 100 },
    ],
  ])('%s', async (_name, item, member, expected) => {
    const [entry, ...more] = ofKind(await readLayers([item]), 'image-file');
    expect(more).toEqual([]);
    expect(entry).toMatchObject(expected);
    expect(entry).toMatchObject({ imageName: 't:1', time: null, baseLayers: 0 });
    expect(entry!.source).toMatchObject({ member, layer: 0 });
  });

  it.each([
    ['small text', 'Storage=none\n', 'Storage=none\n'],
    ['text with a NUL byte is binary', 'ELF\u0000\u0001', null],
    ['text over 8 KiB is not kept', 'x'.repeat(8 * 1024 + 1), null],
    ['text of exactly 8 KiB is kept', 'y'.repeat(8 * 1024), 'y'.repeat(8 * 1024)],
  ])('content: %s', async (_name, body, content) => {
    const entry = files(await readLayers([file('etc/f', body)])).get('/etc/f')!;
    expect(entry.content).toBe(content);
    expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes file content as it streams', async () => {
    const entry = files(await readLayers([file('a', 'abc')])).get('/a')!;
    expect(entry.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives a hard link the data of its target in the same layer', async () => {
    const items = [file('usr/bin/tool', TOOL), hardlink('usr/bin/alias', 'usr/bin/tool')];
    const read = await readLayers(items);
    const link = files(read).get('/usr/bin/alias')!;
    expect(link).toMatchObject({ type: 'hardlink', linkTarget: '/usr/bin/tool', size: 25 });
    expect(link.sha256).toBe(files(read).get('/usr/bin/tool')!.sha256);
    expect(warnings(read)).toBe('');
  });

  it('resolves a hard link to a lower layer, with a warning', async () => {
    const read = await readLayers(
      [file('usr/bin/tool', 'data'), hardlink('usr/bin/alias', 'usr/bin/tool')],
      [file('usr/bin/.wh.tool'), hardlink('opt/copy', 'usr/bin/alias')],
    );
    const copy = files(read).get('/opt/copy')!;
    expect(copy).toMatchObject({ size: 4, content: 'data' });
    expect(copy.source.layer).toBe(1);
    expect(warnings(read)).toMatch(/cross-layer hardlink opt\/copy → usr\/bin\/alias/);
  });

  it('keeps a dangling hard link, with a warning, and reads the rest', async () => {
    const read = await readLayers([
      hardlink('usr/lib/libfoo.so.1', 'usr/lib/libfoo.so.1.2.3'),
      file('usr/lib/README', 'hi\n'),
    ]);
    const link = files(read).get('/usr/lib/libfoo.so.1');
    expect(link).toMatchObject({ type: 'hardlink', sha256: null });
    expect(files(read).get('/usr/lib/README')!.content).toBe('hi\n');
    expect(warnings(read)).toMatch(/dangling hardlink usr\/lib\/libfoo\.so\.1 → \S+so\.1\.2\.3/);
    expect(read.stats.skipped).toBe(0);
  });

  it('lists an opaque marker whatever its place in the layer', async () => {
    const read = await readLayers(
      [file('etc/app/old.conf', 'old')],
      [file('etc/app/new.conf', 'mode=new'), file('etc/app/.wh..wh..opq')],
    );
    const types = ofKind(read, 'image-file').map((f) => `${f.source.layer}:${f.type}:${f.path}`);
    expect(types).toEqual([
      '0:file:/etc/app/old.conf',
      '1:file:/etc/app/new.conf',
      '1:opaque:/etc/app',
    ]);
  });

  it('skips AUFS bookkeeping entries without listing them', async () => {
    const plnk = [dir('.wh..wh.plnk/'), file('.wh..wh.plnk/123.456', 'x')];
    const read = await readLayers([...plnk, file('ok', 'y')]);
    expect([...files(read).keys()]).toEqual(['/ok']);
    expect(read.stats.skipped).toBe(0);
  });

  it('refuses an entry that climbs out with .., and reads the rest', async () => {
    const read = await readLayers([file('../../etc/passwd', 'evil'), file('etc/ok', 'fine')]);
    expect([...files(read).keys()]).toEqual(['/etc/ok']);
    expect(read.stats.skipped).toBe(1);
    expect(warnings(read)).toMatch(/climbs out of the archive/);
  });

  it('emits the entries of every image that shares a layer', async () => {
    const shared = [file('etc/os-release', 'ID=x\n')];
    const bytes = await ociArchive([
      { tags: ['a'], layers: [{ items: shared }] },
      { tags: ['b'], layers: [{ items: shared }, { items: [file('b', '1')] }] },
    ]);
    const read = await readBytes('two.tar', bytes);
    const osRelease = ofKind(read, 'image-file').filter((f) => f.path === '/etc/os-release');
    expect(osRelease.map((f) => f.imageName)).toEqual(['a', 'b']);
  });
});
