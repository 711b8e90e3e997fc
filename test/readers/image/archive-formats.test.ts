import { describe, expect, it } from 'vitest';
import { buildImage, dockerSave, ociArchive, type ImageSpec } from '../../helpers/image-archive.js';
import { buildTar, dir, file, gzip, sha256, symlink } from '../../helpers/tar.js';
import { files, ofKind, readBytes, warnings } from './read.js';

const BASE_LAYER = [dir('etc/'), file('etc/os-release', 'ID=test\n'), file('bin/sh', 'ELF', 0o755)];

const BASE: ImageSpec = {
  tags: ['example/base:1.0'],
  config: { User: '1000', Env: ['PATH=/usr/bin'], Cmd: ['httpd', '-f'] },
  layers: [{ items: BASE_LAYER }],
};

const APP: ImageSpec = {
  tags: ['example/app:2.0'],
  config: { User: 'root', Entrypoint: ['/entry.sh'] },
  history: [
    { created_by: 'base rootfs' },
    { created_by: 'ENV A=1', empty_layer: true },
    { created_by: 'COPY app' },
  ],
  layers: [{ items: BASE_LAYER }, { items: [file('app/run', 'echo hi\n', 0o755)] }],
};

const configOf = (read: Awaited<ReturnType<typeof readBytes>>) => ofKind(read, 'image-config')[0]!;

describe('image archive layouts', () => {
  it.each([
    ['docker save, manifest last', () => dockerSave([BASE])],
    ['docker save, manifest first', () => dockerSave([BASE], { manifestFirst: true })],
    ['docker save, layer.tar symlinked', () => dockerSave([BASE], { linkedLayers: true })],
    ['OCI archive', () => ociArchive([BASE])],
    ['OCI layout tarred by its parent', () => ociArchive([BASE], { folder: 'oci-layout' })],
    ['OCI layout tarred with ./ names', () => ociArchive([BASE], { dotSlash: true })],
    ['Docker 25+ (both entry points)', () => ociArchive([BASE], { dockerManifest: true })],
  ])('%s: reads the config and every entry', async (_name, build) => {
    const read = await readBytes('image.tar', await build());
    const { imageId } = await buildImage(BASE);
    expect(read.format).toBe('image-archive');
    expect(read.skip).toBeNull();
    expect(configOf(read)).toMatchObject({
      imageId,
      user: '1000',
      command: ['httpd', '-f'],
      env: ['PATH=/usr/bin'],
    });
    expect(configOf(read).names[0]).toMatch(/example\/base:1\.0$/);
    expect([...files(read).keys()]).toEqual(['/etc', '/etc/os-release', '/bin/sh']);
    expect(read.stats.skipped).toBe(0);
    expect(warnings(read)).toBe('');
  });

  it('gives the same image ID to the same image in a docker and an OCI archive', async () => {
    const docker = await readBytes('a.tar', await dockerSave([BASE]));
    const oci = await readBytes('b.tar', await ociArchive([BASE], { folder: 'x' }));
    expect(configOf(docker).imageId).toBe(configOf(oci).imageId);
  });

  it('reads layer digests as diff_ids and sizes as uncompressed bytes', async () => {
    const spec: ImageSpec = { layers: [{ items: [file('a', 'x')], compression: 'gzip' }] };
    const diffId = `sha256:${(await buildImage(spec)).layers[0]!.diffId}`;
    const read = await readBytes('g.tar', await ociArchive([spec]));
    expect(configOf(read).layers).toEqual([{ digest: diffId, createdBy: 'step 1', size: 2048 }]);
    expect(files(read).get('/a')!.source.layerDigest).toBe(diffId);
  });

  it('names each layer after the non-empty history step that made it', async () => {
    const config = configOf(await readBytes('app.tar', await dockerSave([APP])));
    expect(config.layers.map((l) => l.createdBy)).toEqual(['base rootfs', 'COPY app']);
    expect(config.history.map((h) => h.emptyLayer)).toEqual([false, true, false]);
    expect(config.entrypoint).toEqual(['/entry.sh']);
  });

  it('reads two images in one archive, giving the shared lower layers to the base', async () => {
    const bytes = await dockerSave([BASE, APP], { linkedLayers: true });
    const read = await readBytes('multi.tar', bytes);
    const [base, app] = await Promise.all([buildImage(BASE), buildImage(APP)]);
    const ids = ofKind(read, 'image-config').map((c) => c.imageId);
    expect(ids).toEqual([base.imageId, app.imageId]);
    const appFiles = files(read, app.imageId);
    const osRelease = appFiles.get('/etc/os-release');
    expect(osRelease).toMatchObject({ baseLayers: 1, imageName: 'example/app:2.0' });
    expect(appFiles.get('/app/run')!.source.layer).toBe(1);
    expect(files(read, base.imageId).get('/bin/sh')!.baseLayers).toBe(0);
  });

  it('reads Kaniko-style archives: `sha256:<hex>` config and .tar.gz layers', async () => {
    const spec: ImageSpec = { layers: [{ items: [file('k', 'kaniko')], compression: 'gzip' }] };
    const built = await buildImage(spec);
    const layerName = `${built.layers[0]!.blob}.tar.gz`;
    const manifest = [{ Config: built.imageId, RepoTags: ['k:1'], Layers: [layerName] }];
    const bytes = await buildTar([
      file(built.imageId, built.config),
      file(layerName, built.layers[0]!.stored),
      file('manifest.json', JSON.stringify(manifest)),
    ]);
    const read = await readBytes('kaniko.tar', bytes);
    expect(configOf(read).imageId).toBe(built.imageId);
    expect(files(read).get('/k')!.content).toBe('kaniko');
    expect(warnings(read)).toBe('');
  });

  it('reads a flat export as one unnamed image, its ID the hash of the tar', async () => {
    const passwd = 'root:x:0:0::/root:/bin/sh\n';
    const items = [dir('etc/'), file('etc/passwd', passwd), symlink('bin/sh', 'busybox')];
    const bytes = await buildTar(items);
    const read = await readBytes('export.tar', bytes);
    const digest = `sha256:${sha256(bytes)}`;
    expect(configOf(read)).toMatchObject({ imageId: digest, names: [], user: null, time: null });
    expect(configOf(read).layers).toEqual([{ digest, createdBy: null, size: bytes.length }]);
    const sh = files(read).get('/bin/sh');
    expect(sh).toMatchObject({ type: 'symlink', linkTarget: 'busybox', imageName: null });
    expect(read.stats.records).toBe(3);
  });

  it('reads an export whose files look like image parts as an export', async () => {
    const bytes = await buildTar([
      file('manifest.json', '{"name":"web app","icons":[]}'),
      file('usr/share/backup/old/layer.tar', await buildTar([file('x', 'y')])),
      file('etc/hostname', 'web\n'),
    ]);
    const read = await readBytes('export.tar', bytes);
    expect(configOf(read).names).toEqual([]);
    expect(files(read).size).toBe(3);
    expect(files(read).get('/manifest.json')!.content).toMatch(/web app/);
  });

  it('reads a gzip-compressed archive file (the evidence layer gunzips it)', async () => {
    const read = await readBytes('image.tar.gz', gzip(await dockerSave([BASE])));
    expect(ofKind(read, 'image-config')).toHaveLength(1);
    expect(files(read).size).toBe(3);
  });
});
