import { describe, expect, it } from 'vitest';
import {
  buildImage,
  dockerSave,
  ociArchive,
  type BuiltImage,
  type ImageSpec,
} from '../../helpers/image-archive.js';
import { buildTar, fakeZstd, file, gzip, sha256, symlink } from '../../helpers/tar.js';
import { files, ofKind, readBytes, warnings } from './read.js';

const SPEC: ImageSpec = {
  tags: ['example/app:1.0'],
  layers: [
    { items: [file('etc/os-release', 'ID=test\n'), file('bin/sh', 'ELF')] },
    { items: [file('etc/cron.d/update', '* * * * * root true\n')] },
  ],
};

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';

/** A tar whose second member's header is garbage (its checksum fails). */
function corruptTar(): Buffer {
  const header = Buffer.alloc(512);
  header.write('first.txt', 0);
  header.write('0000644\0', 100);
  header.write('00000000000\0', 124);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 8 * 32;
  for (let i = 0; i < 512; i++) if (i < 148 || i >= 156) sum += header[i]!;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return Buffer.concat([header, Buffer.alloc(512, 0x41), Buffer.alloc(1024)]);
}

/** A Docker 25.0.0 archive: the OCI manifest lists no layers, manifest.json lists them. */
async function emptyOciLayers(built: BuiltImage): Promise<Buffer> {
  const config = { mediaType: OCI_CONFIG, digest: built.imageId };
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, config, layers: [] }));
  const descriptor = { digest: `sha256:${sha256(manifest)}`, mediaType: OCI_MANIFEST };
  const docker = {
    Config: `blobs/sha256/${built.imageId.slice(7)}`,
    RepoTags: ['a:1'],
    Layers: built.layers.map((l) => `blobs/sha256/${l.blob}`),
  };
  return buildTar([
    file('index.json', JSON.stringify({ schemaVersion: 2, manifests: [descriptor] })),
    file('manifest.json', JSON.stringify([docker])),
    file(`blobs/sha256/${sha256(manifest)}`, manifest),
    file(`blobs/sha256/${built.imageId.slice(7)}`, built.config),
    ...built.layers.map((l) => file(`blobs/sha256/${l.blob}`, l.stored)),
  ]);
}

describe('archives that are not quite right', () => {
  it('warns once when index.json lists null and reads manifest.json', async () => {
    const bytes = await ociArchive([SPEC], { dockerManifest: true, manifests: null });
    const read = await readBytes('v25.tar', bytes);
    expect(files(read).size).toBe(3);
    expect(read.stats.warnings).toHaveLength(1);
    expect(warnings(read)).toMatch(/index\.json lists no manifests \(null\)/);
  });

  it('warns once when the OCI manifest lists no layers but manifest.json does', async () => {
    const read = await readBytes('empty-layers.tar', await emptyOciLayers(await buildImage(SPEC)));
    expect(files(read).size).toBe(3);
    expect(read.stats.warnings).toHaveLength(1);
    expect(warnings(read)).toMatch(/index\.json lists 0 layers but manifest\.json lists 2/);
  });

  it('leaves a zstd layer unread, warning with its digest, and reads the rest', async () => {
    const spec: ImageSpec = { layers: [SPEC.layers[0]!, { items: [], raw: fakeZstd() }] };
    const diffId = (await buildImage(spec)).layers[1]!.diffId;
    const read = await readBytes('zstd.tar', await ociArchive([spec]));
    expect(files(read).size).toBe(2);
    const said = `zstd-compressed layer sha256:${diffId} not read: zstd comes in a later version`;
    expect(warnings(read)).toContain(said);
  });

  it('reads a gzip layer named layer.tar by its bytes, with a warning', async () => {
    const spec: ImageSpec = { layers: [{ items: [file('a', 'x')], compression: 'gzip' }] };
    const read = await readBytes('misnamed.tar', await dockerSave([spec]));
    expect(files(read).get('/a')!.content).toBe('x');
    expect(warnings(read)).toMatch(/layer\.tar is gzip-compressed/);
  });

  it.each([
    ['a gzip layer cut short', gzip(Buffer.alloc(4096, 1)).subarray(0, 20), 1, /layer tar broken/],
    ['a tar layer with a corrupt second header', corruptTar(), 1, /broken after 1 entries/],
    ['a layer of text', Buffer.from('x'.repeat(600)), 0, /not read: it is neither a tar/],
  ])('%s: said, located, the other layers read', async (_name, raw, skipped, message) => {
    const spec: ImageSpec = { layers: [SPEC.layers[0]!, { items: [], raw }] };
    const read = await readBytes('broken.tar', await dockerSave([spec]));
    expect(files(read).has('/etc/os-release')).toBe(true);
    expect(read.stats.skipped).toBe(skipped);
    expect(warnings(read)).toMatch(message);
    expect(read.stats.warnings.every((w) => w.member?.endsWith('layer.tar'))).toBe(true);
  });

  it('warns when a layer does not hash to its diff_id', async () => {
    const built = await buildImage(SPEC);
    const config = JSON.parse(built.config.toString()) as { rootfs: { diff_ids: string[] } };
    config.rootfs.diff_ids[0] = `sha256:${'0'.repeat(64)}`;
    const configBytes = Buffer.from(JSON.stringify(config));
    const name = `${sha256(configBytes)}.json`;
    const layers = built.layers.map((l) => `${l.diffId}.tar`);
    const bytes = await buildTar([
      file(name, configBytes),
      ...built.layers.map((l, i) => file(layers[i]!, l.stored)),
      file('manifest.json', JSON.stringify([{ Config: name, Layers: layers }])),
    ]);
    const read = await readBytes('mismatch.tar', bytes);
    const said = /layer 0 hashes to sha256:\w{64}, not to its diff_id sha256:0+$/;
    expect(warnings(read)).toMatch(said);
    expect(files(read).size).toBe(3);
  });

  it('skips a layer missing from the archive, located', async () => {
    const manifest = [{ Config: 'c.json', Layers: ['gone/layer.tar'] }];
    const config = '{"rootfs":{"diff_ids":[]}}';
    const items = [file('c.json', config), file('manifest.json', JSON.stringify(manifest))];
    const bytes = await buildTar(items);
    const read = await readBytes('missing.tar', bytes);
    expect(ofKind(read, 'image-config')).toHaveLength(1);
    expect(read.stats.skipped).toBe(1);
    expect(warnings(read)).toMatch(/layer 0 \(gone\/layer\.tar\) is not in the archive/);
  });

  it('does not loop on symbolic links that point at each other', async () => {
    const manifest = [{ Config: 'c.json', Layers: ['a/layer.tar'] }];
    const bytes = await buildTar([
      file('c.json', '{}'),
      symlink('a/layer.tar', '../b/layer.tar'),
      symlink('b/layer.tar', '../a/layer.tar'),
      file('manifest.json', JSON.stringify(manifest)),
    ]);
    const read = await readBytes('loop.tar', bytes);
    expect(ofKind(read, 'image-file')).toHaveLength(0);
    expect(warnings(read)).toMatch(/is not in the archive/);
  });

  const bigGzipLayer: ImageSpec = {
    layers: [{ items: [file('big', Buffer.alloc(100_000, 7))], compression: 'gzip' }],
  };

  it.each([
    ['a truncated docker archive', async () => (await dockerSave([SPEC])).subarray(0, 1700)],
    ['a truncated OCI archive', async () => (await ociArchive([SPEC])).subarray(0, 2100)],
    [
      'an archive cut inside a gzip layer',
      async () => (await ociArchive([bigGzipLayer])).subarray(0, 1800),
    ],
  ])('ends, without hanging, on %s', async (_name, build) => {
    const read = await readBytes('cut.tar', await build());
    expect(read.format).toBe('image-archive');
    expect(warnings(read)).toMatch(/truncated|ends early|Unexpected end/);
  });

  it.each([
    [
      'manifest.json holding null',
      'x.tar',
      [file('manifest.json', 'null')],
      /manifest\.json lists no image/,
    ],
    [
      'a docker save without manifest.json',
      'x.tar',
      [file('abc/layer.tar', ''), file('repositories', '{}')],
      /without manifest\.json or index\.json/,
    ],
    [
      'a tar of source code',
      'x.tar',
      [file('src/main.c', 'int main(){}'), file('README', 'hi')],
      /neither an image archive/,
    ],
    [
      'an OCI layer blob on its own',
      'a'.repeat(64),
      [file('foo', 'bar')],
      /layer blob of an OCI image layout/,
    ],
  ])('gives up %s as not an image, with the reason', async (_name, fileName, items, reason) => {
    const read = await readBytes(fileName, await buildTar(items));
    expect(read.skip).toMatch(reason);
    expect(read.observations).toEqual([]);
  });

  it('skips a manifest.json that is not JSON, located, and reads the OCI index', async () => {
    const bytes = await ociArchive([SPEC], { extra: [file('manifest.json', '{not json')] });
    const read = await readBytes('bad.tar', bytes);
    expect(files(read).size).toBe(3);
    expect(read.stats.skipped).toBe(1);
    expect(read.stats.warnings[0]).toMatchObject({ member: 'manifest.json' });
    expect(read.stats.warnings[0]!.message).toMatch(/^not JSON/);
  });
});
