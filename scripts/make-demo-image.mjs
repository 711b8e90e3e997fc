#!/usr/bin/env node
// Writes fixtures/demo/images/demo-tampered.tar: a small `docker save` archive
// (legacy layout: manifest.json, <config>.json, <layer>/layer.tar) whose second
// layer carries the tricks the image rules look for. Run it again after
// changing the layers; its output is deterministic (fixed times and owners).
// Usage: node scripts/make-demo-image.mjs
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packTar } from './tar-pack.mjs';

const EPOCH = new Date('2026-11-30T08:00:00Z');

const pack = (entries) => packTar(entries, EPOCH);

const sha = (buf) => createHash('sha256').update(buf).digest('hex');

const base = await pack([
  { name: 'bin/', type: 'directory', mode: 0o755 },
  { name: 'bin/sh', body: '#!demo shell stand-in\n', mode: 0o755 },
  { name: 'etc/', type: 'directory', mode: 0o755 },
  {
    name: 'etc/passwd',
    body: 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n',
  },
  { name: 'etc/motd', body: 'demo base image\n' },
  { name: 'var/', type: 'directory', mode: 0o755 },
  { name: 'var/log/', type: 'directory', mode: 0o755 },
  { name: 'var/log/messages', body: '' },
]);

const tampered = await pack([
  { name: 'etc/ld.so.preload', body: '/usr/local/lib/libhide.so\n' },
  { name: 'etc/systemd/journald.conf', body: '[Journal]\nStorage=none\nForwardToSyslog=no\n' },
  { name: 'etc/rsyslog.conf', body: '# drop everything\n*.* stop\n' },
  { name: 'etc/.wh.motd', body: '' },
  { name: 'var/.wh.log', body: '' },
  { name: 'var/log', type: 'symlink', linkname: '/dev/null', mode: 0o777 },
  { name: 'root/.ash_history', type: 'symlink', linkname: '/dev/null', mode: 0o777 },
  { name: 'usr/local/lib/libhide.so', body: '\u007fELF demo stand-in\n', mode: 0o755 },
  { name: 'usr/local/sbin/.rootsh', body: '#!demo setuid shell stand-in\n', mode: 0o4755 },
  { name: 'usr/local/bin/xmrig', body: '#!demo miner stand-in\n', mode: 0o755 },
  {
    name: 'usr/local/bin/config.json',
    body: '{"pools":[{"url":"stratum+tcp://198.51.100.77:3333","user":"demo"}]}\n',
  },
  {
    name: 'etc/crontabs/root',
    body: '*/5 * * * * /usr/local/bin/xmrig --config /usr/local/bin/config.json\n',
  },
]);

const config = {
  architecture: 'amd64',
  os: 'linux',
  created: '2026-11-30T08:00:00Z',
  config: {
    User: '0:0',
    Env: [
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
      'DB_PASSWORD=demo-not-a-real-password',
    ],
    Cmd: ['/bin/sh', '-c', '/usr/local/bin/xmrig --config /usr/local/bin/config.json'],
  },
  rootfs: { type: 'layers', diff_ids: [`sha256:${sha(base)}`, `sha256:${sha(tampered)}`] },
  history: [
    { created: '2026-11-30T07:00:00Z', created_by: 'ADD demo-rootfs.tar /', comment: 'demo base' },
    { created: '2026-11-30T08:00:00Z', created_by: '/bin/sh -c tamper.sh' },
    {
      created: '2026-11-30T08:00:00Z',
      created_by: 'ENV DB_PASSWORD=demo-not-a-real-password',
      empty_layer: true,
    },
  ],
};
const configJson = Buffer.from(JSON.stringify(config));
const configDigest = sha(configJson);
const layerDirs = [sha(`layer0${sha(base)}`), sha(`layer1${sha(tampered)}`)];
const manifest = [
  {
    Config: `${configDigest}.json`,
    RepoTags: ['demo/tampered:1.0'],
    Layers: layerDirs.map((d) => `${d}/layer.tar`),
  },
];

const archive = await pack([
  { name: `${configDigest}.json`, body: configJson },
  { name: `${layerDirs[0]}/layer.tar`, body: base },
  { name: `${layerDirs[1]}/layer.tar`, body: tampered },
  { name: 'manifest.json', body: JSON.stringify(manifest) },
  { name: 'repositories', body: JSON.stringify({ 'demo/tampered': { '1.0': layerDirs[1] } }) },
]);

const out = fileURLToPath(new URL('../fixtures/demo/images/demo-tampered.tar', import.meta.url));
writeFileSync(out, archive);
console.log(`wrote ${out}\nconfig digest sha256:${configDigest}`);
