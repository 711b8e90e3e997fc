import { describe, expect, it } from 'vitest';
import { ofKind, readBytes, warnings } from './read.js';

const ID = 'cda5efac4f16291f6973781320fd286b8d84e4d83e18eca467b1e9a801b32b2d';
const BASE_ID = 'f72c4fbf4b2a2c0a8aaa1ce8a18e1352bf9f35bf10f2304a9b2f160e1c1b0b17';

const inspect = (over: Record<string, unknown> = {}) => ({
  Id: `sha256:${ID}`,
  RepoTags: ['evidence/tampered:1.0'],
  Created: '2026-12-03T15:33:14.750972773Z',
  Config: { User: 'root', Env: ['A=1'], Cmd: ['/bin/sh', '-c', 'xmrig'], Entrypoint: null },
  RootFS: { Type: 'layers', Layers: ['sha256:ce31', 'sha256:ddb0'] },
  History: [
    { created_by: 'base', comment: 'x' },
    { created_by: 'config', empty_layer: true },
    { created_by: 'tamper' },
  ],
  ...over,
});

describe('image inspect', () => {
  it.each([
    ['docker, an array', JSON.stringify([inspect()], null, 2)],
    ['podman, a bare hex Id', JSON.stringify([inspect({ Id: ID })], null, 5)],
    ['a single object', JSON.stringify(inspect(), null, 2)],
  ])('%s -> an image-config', async (_name, text) => {
    const read = await readBytes('image_inspect.json', text);
    expect(read.format).toBe('image-inspect');
    const [config] = ofKind(read, 'image-config');
    expect(config).toMatchObject({
      imageId: `sha256:${ID}`,
      names: ['evidence/tampered:1.0'],
      user: 'root',
      env: ['A=1'],
      command: ['/bin/sh', '-c', 'xmrig'],
      entrypoint: null,
      time: '2026-12-03T15:33:14.750972773Z',
      source: { line: expect.any(Number) },
    });
    expect(config!.layers).toEqual([
      { digest: 'sha256:ce31', createdBy: 'base', size: null },
      { digest: 'sha256:ddb0', createdBy: 'tamper', size: null },
    ]);
  });

  it('skips an element without a full Id, counted and located at its line', async () => {
    const text = JSON.stringify([inspect(), inspect({ Id: 'short' })], null, 2);
    const read = await readBytes('image_inspect.json', text);
    expect(ofKind(read, 'image-config')).toHaveLength(1);
    expect(read.stats).toMatchObject({ records: 2, skipped: 1 });
    expect(read.stats.warnings[0]!.line).toBeGreaterThan(2);
  });

  it.each([
    [
      'a container inspect (State, HostConfig)',
      [{ Id: ID, State: {}, HostConfig: {}, Config: {}, Image: 'x' }],
    ],
    ['a pod list', { kind: 'PodList', items: [] }],
  ])('does not claim %s', async (_name, doc) => {
    const read = await readBytes('inspect.json', JSON.stringify(doc, null, 2));
    expect(read.format).not.toBe('image-inspect');
  });
});

describe('image history', () => {
  const at = (s: string) => `2026-12-03T15:33:16.${s}Z`;
  const podman = [
    { id: ID, created: at('79'), CreatedBy: 'umoci config (Cmd=xmrig)', size: 0 },
    { id: '<missing>', created: at('69'), CreatedBy: '/bin/sh -c tamper', size: 2013184 },
    { id: BASE_ID, created: at('38'), CreatedBy: 'base config', size: 0 },
    { id: '<missing>', created: at('30'), CreatedBy: 'rootfs', size: 2144256 },
  ];

  it('podman: one image-config, history oldest first, layers from sized steps', async () => {
    const read = await readBytes('history.json', JSON.stringify(podman));
    expect(read.format).toBe('image-history');
    const [config] = ofKind(read, 'image-config');
    expect(config).toMatchObject({ imageId: `sha256:${ID}`, time: at('79'), names: [] });
    expect(config!.history.map((h) => [h.createdBy, h.emptyLayer])).toEqual([
      ['rootfs', false],
      ['base config', true],
      ['/bin/sh -c tamper', false],
      ['umoci config (Cmd=xmrig)', true],
    ]);
    expect(config!.layers).toEqual([
      { digest: null, createdBy: 'rootfs', size: 2144256 },
      { digest: null, createdBy: '/bin/sh -c tamper', size: 2013184 },
    ]);
    expect(read.stats.records).toBe(4);
  });

  it('docker JSON lines with human sizes', async () => {
    const since = { CreatedSince: '1 day' };
    const lines = [
      { ID: `sha256:${ID}`, CreatedAt: at('0'), CreatedBy: 'CMD ["x"]', ...since, Size: '0B' },
      { ID: '<missing>', CreatedAt: at('0'), CreatedBy: 'ADD rootfs', ...since, Size: '2.14MB' },
    ];
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    const read = await readBytes('history.ndjson', text);
    expect(read.format).toBe('image-history');
    const { layers } = ofKind(read, 'image-config')[0]!;
    expect(layers).toEqual([{ digest: null, createdBy: 'ADD rootfs', size: 2140000 }]);
  });

  it('skips a history whose newest step has no full image ID, saying why', async () => {
    const short = [{ ...podman[0], id: 'cda5efac4f16' }, podman[1]];
    const read = await readBytes('history.json', JSON.stringify(short));
    expect(ofKind(read, 'image-config')).toEqual([]);
    expect(read.stats.skipped).toBe(1);
    expect(warnings(read)).toMatch(/--no-trunc/);
  });
});

describe('image listings', () => {
  it('podman images: names tied to full IDs', async () => {
    const list = [
      {
        Id: BASE_ID,
        RepoTags: null,
        RepoDigests: ['x@sha256:1'],
        Names: ['docker.io/evidence/base:1.0'],
        Created: 1796311994,
        Size: 1,
        VirtualSize: 1,
      },
    ];
    const read = await readBytes('images.json', JSON.stringify(list, null, 4));
    expect(read.format).toBe('image-list');
    expect(ofKind(read, 'image-config')[0]).toMatchObject({
      imageId: `sha256:${BASE_ID}`,
      names: ['docker.io/evidence/base:1.0'],
      notes: ['image-listing'],
      time: '2026-12-03T15:33:14.000Z',
    });
  });

  it.each([
    ['a full ID', `sha256:${BASE_ID}`, `sha256:${BASE_ID}`, ['image-listing']],
    ['a short ID, noted', 'f72c4fbf4b2a', 'f72c4fbf4b2a', ['image-listing', 'truncated-image-id']],
  ])('docker images lines with %s', async (_name, id, imageId, notes) => {
    const line = {
      Containers: 'N/A',
      CreatedAt: '2026-12-03 15:33:14 +0000 UTC',
      ID: id,
      Repository: 'evidence/base',
      Tag: '1.0',
      Size: '2MB',
    };
    const read = await readBytes('images.ndjson', `${JSON.stringify(line)}\n`);
    expect(read.format).toBe('image-list');
    const [config] = ofKind(read, 'image-config');
    expect(config).toMatchObject({ imageId, names: ['evidence/base:1.0'], notes });
  });

  it('skips a listing line with no image ID, counted and located', async () => {
    const good = { ID: 'f72c4fbf4b2a', Repository: 'a', Tag: '1' };
    const bad = { ID: '', Repository: 'b', Tag: '2' };
    const text = `${JSON.stringify(good)}\n${JSON.stringify(bad)}\nnot json\n`;
    const read = await readBytes('images.ndjson', text);
    expect(read.stats).toMatchObject({ records: 2, skipped: 2 });
    expect(read.stats.warnings.map((w) => w.line).sort()).toEqual([2, 3]);
  });
});

describe('parts of an OCI layout folder', () => {
  it.each([
    ['oci-layout', '{"imageLayoutVersion": "1.0.0"}', /oci-layout marker/],
    ['index.json', '{"schemaVersion":2,"manifests":[]}', /image index/],
    ['index.json with null manifests', '{"schemaVersion":2,"manifests":null}\n', /image index/],
    [
      'a manifest blob',
      '{"schemaVersion":2,"config":{"digest":"sha256:1"},"layers":[]}\n',
      /image manifest/,
    ],
    [
      'a config blob',
      '{"architecture":"amd64","rootfs":{"type":"layers","diff_ids":[]}}',
      /image config/,
    ],
  ])('%s is skipped with what to do instead', async (_name, text, what) => {
    const read = await readBytes('a'.repeat(64), text);
    expect(read.format).toBe('unknown');
    expect(read.skip).toMatch(what);
    expect(read.skip).toMatch(/tar -cf image\.tar -C LAYOUT_FOLDER \./);
  });
});
