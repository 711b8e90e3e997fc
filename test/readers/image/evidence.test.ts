import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { files, ofKind, readFile, warnings, type Read } from './read.js';

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DIR = process.env.STOWAWAY_EVIDENCE ?? resolve(PROJECT, '../shared/evidence');
const EVIDENCE = existsSync(DIR) ? DIR : null;

const read = (path: string): Promise<Read> => readFile(join(EVIDENCE!, path));

const TAMPERED = 'sha256:cda5efac4f16291f6973781320fd286b8d84e4d83e18eca467b1e9a801b32b2d';
const BASE = 'sha256:f72c4fbf4b2a2c0a8aaa1ce8a18e1352bf9f35bf10f2304a9b2f160e1c1b0b17';

describe.runIf(EVIDENCE)('image evidence files', () => {
  it.each([
    ['lab/images/base.docker.tar', [BASE]],
    ['lab/images/base.oci.tar', [BASE]],
    ['lab/images/tampered.docker.tar', [TAMPERED]],
    ['lab/images/tampered.oci.tar', [TAMPERED]],
    ['lab/images/oci-layout-dir.tar', [BASE, TAMPERED]],
    ['lab/podman/podman_save_multi.docker.tar', [BASE, TAMPERED]],
  ])('%s holds the images by their config digest', async (path, ids) => {
    const result = await read(path);
    expect(ofKind(result, 'image-config').map((c) => c.imageId)).toEqual(ids);
    expect(result.stats.skipped).toBe(0);
    const tampered = files(result, TAMPERED);
    if (!ids.includes(TAMPERED)) return;
    expect(tampered.get('/etc/ld.so.preload')!.content).toBe('/usr/local/lib/libprocesshider.so\n');
    expect(tampered.get('/usr/local/sbin/.rootsh')).toMatchObject({ mode: '4755', uid: 0 });
    expect(tampered.get('/var/log')).toMatchObject({ type: 'symlink', linkTarget: '/dev/null' });
    expect(tampered.get('/etc/motd')!.type).toBe('whiteout');
    expect(tampered.get('/etc/ld.so.preload')!.baseLayers).toBe(ids.length === 2 ? 1 : 0);
  });

  it('reads the container export as one unnamed image', async () => {
    const result = await read('lab/podman/container_export_tampered.tar');
    const [config] = ofKind(result, 'image-config');
    expect(config).toMatchObject({ names: [], layers: [{ createdBy: null }] });
    expect(files(result).get('/etc/ld.so.preload')!.content).toMatch(/libprocesshider/);
  });

  it.each([
    ['lab/podman/podman_image_inspect.json', 'image-inspect', 2],
    ['lab/podman/podman_history_tampered.json', 'image-history', 1],
    ['lab/podman/podman_images.json', 'image-list', 2],
    ['real/docker/watchtower_image_running.json', 'image-inspect', 1],
  ])('%s is read by %s', async (path, format, count) => {
    const result = await read(path);
    expect(result.format).toBe(format);
    expect(ofKind(result, 'image-config')).toHaveLength(count);
  });

  it.each([
    'real/images/dive_test-docker-image.tar',
    'real/images/dive_test-kaniko-image.tar',
    'real/images/dive_test-oci-estargz-image.tar',
    'real/images/dive_test-oci-gzip-image.tar',
    'real/images/dive_test-oci-uncompressed-image.tar',
    'real/images/ggcr_hello-world-v25.tar',
    'real/images/ggcr_test_bundle.tar',
    'real/images/ggcr_test_image_1.tar',
    'real/images/ggcr_test_link.tar',
  ])('%s is read with entries and no skipped record', async (path) => {
    const result = await read(path);
    expect(result.format).toBe('image-archive');
    expect(ofKind(result, 'image-file').length).toBeGreaterThan(0);
    expect(result.stats.skipped).toBe(0);
  });

  it('the zstd OCI image gives its config and a warning for its layer', async () => {
    const result = await read('real/images/dive_test-oci-zstd-image.tar');
    expect(ofKind(result, 'image-config')).toHaveLength(1);
    expect(warnings(result)).toMatch(/zstd-compressed layer sha256:[0-9a-f]{64} not read/);
  });

  it.each([
    ['real/images/ggcr_no_manifest.tar', /without manifest\.json or index\.json/],
    ['real/images/ggcr_null_manifest.tar', /manifest\.json lists no image/],
  ])('%s is skipped with a reason', async (path, reason) => {
    expect((await read(path)).skip).toMatch(reason);
  });

  it.each([
    ['docker25-save.tar', 0],
    ['docker25-save-empty-oci-layers.tar', 1],
    ['docker25-save-index-null-manifests.tar', 1],
  ])('Docker 25 save %s: two layers named by diff_id, %i warnings', async (name, count) => {
    const result = await read(`edgecases/09-docker25-save-oci/${name}`);
    const [config] = ofKind(result, 'image-config');
    expect(config!.imageId).toMatch(/^sha256:2f5f911d/);
    expect(config!.names).toContain('example/app:1.0');
    const digests = config!.layers.map((l) => l.digest!.slice(0, 15));
    expect(digests).toEqual(['sha256:f48f1ccb', 'sha256:216e124e']);
    expect(files(result).get('/root/.ssh/authorized_keys')).toMatchObject({ mode: '0600' });
    expect(files(result).get('/usr/local/bin/entry.sh')).toMatchObject({ mode: '0755' });
    expect(result.stats.warnings).toHaveLength(count);
  });

  const OCI_TARS = ['buildx-oci-export.tar', 'oci-dot-slash-prefix.tar'];

  it.each(OCI_TARS)('OCI layout tar %s: named, three files, no warning', async (name) => {
    const result = await read(`edgecases/10-oci-tarball-variants/${name}`);
    expect(ofKind(result, 'image-config')[0]!.names).toEqual(['docker.io/example/cronjob:latest']);
    const paths = ['/etc/os-release', '/bin/sh', '/etc/cron.d/update'];
    expect([...files(result).keys()]).toEqual(expect.arrayContaining(paths));
    expect(warnings(result)).toBe('');
  });

  it.each([
    ['docker-archive-gzip-layers.tar', ''],
    ['docker-archive-misnamed-layer.tar', 'layer.tar is gzip-compressed'],
    ['oci-gzip-plus-zstd.tar', 'zstd-compressed layer'],
  ])('layer compression told by bytes: %s', async (name, warning) => {
    const result = await read(`edgecases/11-layer-compression-sniffing/${name}`);
    expect(files(result).has('/etc/os-release')).toBe(true);
    if (warning) expect(warnings(result)).toContain(warning);
    else expect(warnings(result)).toBe('');
  });

  it('an opaque marker after new files is the folder, never a file', async () => {
    const result = await read('edgecases/12-opaque-whiteout-order/image.tar');
    const entries = ofKind(result, 'image-file');
    expect(entries.filter((e) => e.type === 'opaque').map((e) => e.path)).toEqual(['/etc/app']);
    expect(entries.some((e) => e.path.includes('.wh.'))).toBe(false);
  });

  it('hard links carry their target data, across layers with a warning', async () => {
    const result = await read('edgecases/14-hardlinks/image.tar');
    const byPath = files(result);
    expect(byPath.get('/usr/bin/tool')!.type).toBe('whiteout');
    expect(byPath.get('/usr/bin/tool-alias')!.size).toBe(25);
    expect(byPath.get('/opt/copy-of-alias')!.size).toBe(25);
    expect(warnings(result)).toMatch(/cross-layer hardlink/);
    const dangling = await read('edgecases/14-hardlinks/layer-dangling-hardlink.tar');
    expect(files(dangling).get('/usr/lib/README')!.content).not.toBeNull();
    const said = 'dangling hardlink usr/lib/libfoo.so.1 → usr/lib/libfoo.so.1.2.3';
    expect(warnings(dangling)).toContain(said);
    const parents = await read('edgecases/14-hardlinks/layer-missing-parent-dirs.tar');
    const hashOf = (path: string) => files(parents).get(path)!.sha256;
    expect(hashOf('/srv/tool.data/cfg')).toBe(hashOf('/srv/tool.cfg'));
  });
});
