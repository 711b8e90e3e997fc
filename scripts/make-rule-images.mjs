#!/usr/bin/env node
// Writes the image rules' validation fixtures: for each rule, a small
// `docker save` archive that must make it fire (positive.tar) and its benign
// twin (negative.tar), which differs only in the one thing the rule judges.
// Each archive uses the legacy layout (manifest.json, <config>.json,
// <layer>/layer.tar) with a base layer and one added layer. The output is
// deterministic: fixed times, owners and ordering, so reruns give the same bytes.
// Usage: node scripts/make-rule-images.mjs
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packTar } from './tar-pack.mjs';

const EPOCH = new Date('2026-03-01T12:00:00Z');
const OUT = fileURLToPath(new URL('../fixtures/rules/', import.meta.url));
const sha = (buf) => createHash('sha256').update(buf).digest('hex');

const pack = (entries) => packTar(entries, EPOCH);

const dir = (name) => ({ name, type: 'directory', mode: 0o755 });
const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The base every fixture image starts from: a shell, accounts, an empty log folder. */
const BASE = [
  dir('bin/'),
  { name: 'bin/sh', body: '#!fixture shell stand-in\n', mode: 0o755 },
  dir('etc/'),
  {
    name: 'etc/passwd',
    body: 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n',
  },
  dir('usr/'),
  dir('usr/local/'),
  dir('usr/local/bin/'),
  dir('var/'),
  dir('var/log/'),
];

/** One image archive: the base layer, the added layer, and the run settings. */
async function archive(tag, added, env = [PATH_ENV], cmd = ['/bin/sh']) {
  const layers = [await pack(BASE), await pack(added)];
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2026-03-01T12:00:00Z',
      config: { User: '1000', Env: env, Cmd: cmd },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => `sha256:${sha(l)}`) },
      history: [
        { created: '2026-03-01T11:00:00Z', created_by: 'ADD rootfs.tar /' },
        { created: '2026-03-01T12:00:00Z', created_by: 'COPY app/ /' },
      ],
    }),
  );
  const digest = sha(config);
  const dirs = layers.map((l, i) => sha(`layer ${i} ${sha(l)}`));
  const manifest = [
    { Config: `${digest}.json`, RepoTags: [tag], Layers: dirs.map((d) => `${d}/layer.tar`) },
  ];
  return pack([
    { name: `${digest}.json`, body: config },
    ...dirs.map((d, i) => ({ name: `${d}/layer.tar`, body: layers[i] })),
    { name: 'manifest.json', body: JSON.stringify(manifest) },
  ]);
}

const FIXTURES = {
  'image-ld-preload': [
    () =>
      archive('fixtures/preload:1.0', [
        { name: 'etc/ld.so.preload', body: '/usr/local/lib/libhide.so\n' },
        { name: 'usr/local/lib/libhide.so', body: '\u007fELF fixture stand-in\n', mode: 0o755 },
      ]),
    () =>
      archive('fixtures/preload:1.0', [
        { name: 'etc/ld.so.conf.d/app.conf', body: '/usr/local/lib\n' },
        { name: 'usr/local/lib/libapp.so', body: '\u007fELF fixture stand-in\n', mode: 0o755 },
      ]),
  ],
  'image-logging-disabled': [
    () =>
      archive('fixtures/journald:1.0', [
        {
          name: 'etc/systemd/journald.conf',
          body: '[Journal]\nStorage=none\nForwardToSyslog=no\n',
        },
      ]),
    () =>
      archive('fixtures/journald:1.0', [
        {
          name: 'etc/systemd/journald.conf',
          body: '[Journal]\nStorage=persistent\nSystemMaxUse=200M\n',
        },
      ]),
  ],
  'image-setuid-added': [
    () =>
      archive('fixtures/tools:1.0', [
        dir('usr/local/sbin/'),
        { name: 'usr/local/sbin/.rootsh', body: '#!fixture shell stand-in\n', mode: 0o4755 },
      ]),
    () =>
      archive('fixtures/tools:1.0', [
        dir('usr/local/sbin/'),
        { name: 'usr/local/sbin/.rootsh', body: '#!fixture shell stand-in\n', mode: 0o755 },
      ]),
  ],
  'image-miner-or-tool': [
    () =>
      archive(
        'fixtures/worker:1.0',
        [
          { name: 'usr/local/bin/xmrig', body: '#!fixture miner stand-in\n', mode: 0o755 },
          {
            name: 'usr/local/bin/config.json',
            body: '{"pools":[{"url":"stratum+tcp://198.51.100.23:3333","user":"wallet"}]}\n',
          },
        ],
        [PATH_ENV],
        ['/usr/local/bin/xmrig', '--config', '/usr/local/bin/config.json'],
      ),
    () =>
      archive(
        'fixtures/worker:1.0',
        [
          { name: 'usr/local/bin/worker', body: '#!fixture worker stand-in\n', mode: 0o755 },
          { name: 'usr/local/bin/config.json', body: '{"queue":"amqp://queue.internal:5672"}\n' },
        ],
        [PATH_ENV],
        ['/usr/local/bin/worker', '--config', '/usr/local/bin/config.json'],
      ),
  ],
  'image-secret-in-config': [
    () =>
      archive(
        'fixtures/api:1.0',
        [{ name: 'usr/local/bin/api', body: '#!fixture api stand-in\n', mode: 0o755 }],
        [PATH_ENV, 'AWS_ACCESS_KEY_ID=AKIAZ7Q3EXAMPLEKEY42', 'API_TOKEN=tk_live_52c0ffee9a1b'],
      ),
    () =>
      archive(
        'fixtures/api:1.0',
        [{ name: 'usr/local/bin/api', body: '#!fixture api stand-in\n', mode: 0o755 }],
        [PATH_ENV, 'API_TOKEN_FILE=/run/secrets/api_token', 'AWS_REGION=eu-west-1'],
      ),
  ],
};

for (const [rule, [positive, negative]] of Object.entries(FIXTURES)) {
  mkdirSync(`${OUT}${rule}`, { recursive: true });
  writeFileSync(`${OUT}${rule}/positive.tar`, await positive());
  writeFileSync(`${OUT}${rule}/negative.tar`, await negative());
  console.log(`wrote ${rule}/positive.tar and negative.tar`);
}
