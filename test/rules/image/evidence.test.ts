import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOGIC } from '../../../src/detect/rules/image/index.js';
import type { Observation } from '../../../src/model/observation.js';
import { atLeast } from '../../../src/model/severity.js';
import { dockerSave } from '../../helpers/image-archive.js';
import { runRule } from '../../helpers/rules.js';
import { file, symlink } from '../../helpers/tar.js';
import { readBytes, readFile } from '../../readers/image/read.js';

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DIR = process.env.STOWAWAY_EVIDENCE ?? resolve(PROJECT, '../shared/evidence');
const EVIDENCE = existsSync(DIR) ? DIR : null;

const TAMPERED = 'sha256:cda5efac4f16291f6973781320fd286b8d84e4d83e18eca467b1e9a801b32b2d';
const ALL = [
  'image-ld-preload',
  'image-logging-disabled',
  'image-miner-or-tool',
  'image-secret-in-config',
  'image-setuid-added',
];

/** Hits of every image rule, optionally of one image only. */
function fired(observations: Observation[], imageId?: string) {
  const hits = LOGIC.flatMap((rule) => runRule(rule, observations));
  return hits.filter((h) => !imageId || h.hit.subject.imageId === imageId);
}

const ruleIds = (observations: Observation[], imageId?: string): string[] =>
  [...new Set(fired(observations, imageId).map((h) => h.card.id))].sort();

describe('the image rules together', () => {
  it('a tiny tampered image built in the test fires all five', async () => {
    const tampering = [
      file('etc/ld.so.preload', '/lib/h.so\n'),
      symlink('var/log', '/dev/null'),
      file('sbin/.s', 'x', 0o4755),
    ];
    const osRelease = { items: [file('etc/os-release', 'ID=x\n')] };
    const bytes = await dockerSave([
      { tags: ['base:1'], layers: [osRelease] },
      {
        tags: ['bad:1'],
        config: { Env: ['DB_PASSWORD=hunter2hunter2'], Cmd: ['/opt/xmrig'] },
        layers: [osRelease, { items: tampering }],
      },
    ]);
    const read = await readBytes('bad.tar', bytes);
    expect(ruleIds(read.observations)).toEqual(ALL);
  });
});

describe.runIf(EVIDENCE)('the image rules on lab evidence', () => {
  const read = async (path: string) => (await readFile(join(EVIDENCE!, path))).observations;

  it.each([
    'lab/images/tampered.docker.tar',
    'lab/images/tampered.oci.tar',
    'lab/podman/podman_save_multi.docker.tar',
  ])('the tampered image in %s fires all five', async (path) => {
    expect(ruleIds(await read(path), TAMPERED)).toEqual(ALL);
  });

  it.each([
    'lab/images/base.docker.tar',
    'lab/images/base.oci.tar',
    'lab/podman/podman_save_multi.docker.tar',
  ])('the base image in %s gives nothing above low', async (path) => {
    const base = fired(await read(path)).filter((h) => h.hit.subject.imageId !== TAMPERED);
    expect(base.filter((h) => atLeast(h.hit.severity ?? h.card.severity, 'medium'))).toEqual([]);
  });

  it('podman image inspect of the tampered image carries its secrets and miner', async () => {
    const observations = await read('lab/podman/podman_image_inspect.json');
    const expected = ['image-miner-or-tool', 'image-secret-in-config'];
    expect(ruleIds(observations, TAMPERED)).toEqual(expected);
  });
});
