import { describe, expect, it } from 'vitest';
import { jsonl, ofKind, readText } from './helpers.js';

const ID = 'c454e929116105339869ef8332d720a96b0f692c2475684ac563bf4c5f3acde9';
const IMAGE = 'sha256:cda5efac4f16291f6973781320fd286b8d84e4d83e18eca467b1e9a801b32b2d';
const docker = (Type: string, Action: string, ActorID: string, Attributes = {}) => ({
  Type,
  Action,
  Actor: { ID: ActorID, Attributes },
  time: 1709288000,
  timeNano: 1709288000000000001,
});

/** Events that are not about a container, and container verbs that name an object. */
describe('docker events about images, the daemon, plugins, volumes and networks', () => {
  it.each([
    {
      name: 'image pull names the reference',
      record: docker('image', 'pull', 'nginx:1.25', { name: 'nginx' }),
      want: { action: 'pull', image: 'nginx:1.25', container: null, notes: ['type:image'] },
    },
    {
      name: 'image load gives the ID and the reference',
      record: docker('image', 'load', IMAGE, { name: 'evil/miner:1' }),
      want: { action: 'load', image: 'evil/miner:1', detail: null },
    },
    {
      name: 'image import of an untagged image',
      record: docker('image', 'import', IMAGE, {}),
      want: { action: 'import', image: IMAGE },
    },
    {
      name: 'daemon reload',
      record: docker('daemon', 'reload', 'ABCD:EF01', { name: 'host-1', debug: 'true' }),
      want: { action: 'reload', detail: 'host-1', image: null, notes: ['type:daemon'] },
    },
    {
      name: 'plugin install',
      record: docker('plugin', 'install', 'a1b2', { name: 'vieux/sshfs:latest' }),
      want: { action: 'install', detail: 'vieux/sshfs:latest', notes: ['type:plugin'] },
    },
    {
      name: 'volume create, named by its ID',
      record: docker('volume', 'create', 'data', { driver: 'local' }),
      want: { action: 'create', detail: 'data', container: null, notes: ['type:volume'] },
    },
    {
      name: 'volume mount names the container',
      record: docker('volume', 'mount', 'data', { container: ID, destination: '/data' }),
      want: { action: 'mount', detail: 'data', container: ID },
    },
    {
      name: 'network create without a container',
      record: docker('network', 'create', 'n1', { name: 'backend', type: 'bridge' }),
      want: { action: 'create', detail: 'backend', container: null, notes: ['type:network'] },
    },
    {
      name: 'network disconnect of a container',
      record: docker('network', 'disconnect', 'n1', { container: ID, name: 'backend' }),
      want: { action: 'disconnect', detail: 'backend', container: ID },
    },
    {
      name: 'an event without a Type',
      record: { Action: 'sync', Actor: { ID: 'x1', Attributes: {} }, time: 1709288000 },
      want: { action: 'sync', detail: 'x1', notes: ['type:unknown'] },
    },
  ])('$name', async ({ record, want }) => {
    const result = await readText('events.ndjson', jsonl(record));
    expect(result.stats).toMatchObject({ records: 1, skipped: 0 });
    const [obs] = ofKind(result, 'lifecycle');
    expect(obs).toMatchObject({ runtime: 'docker', name: null, exitCode: null, ...want });
  });

  it.each([
    { action: 'commit', attributes: { imageRef: 'evil:1', imageID: IMAGE }, detail: 'evil:1' },
    { action: 'archive-path', attributes: { path: '/etc/shadow' }, detail: '/etc/shadow' },
    { action: 'extract-to-dir', attributes: { path: '/usr/bin' }, detail: '/usr/bin' },
    { action: 'export', attributes: {}, detail: null },
    { action: 'rename', attributes: { oldName: '/web' }, detail: '/web' },
    { action: 'kill', attributes: { signal: 'SIGKILL' }, detail: 'signal SIGKILL' },
    { action: 'kill', attributes: {}, detail: null },
  ])('container $action: detail $detail', async ({ action, attributes, detail }) => {
    const record = docker('container', action, ID, { name: 'web', ...attributes });
    const [obs] = ofKind(await readText('events.ndjson', jsonl(record)), 'lifecycle');
    expect(obs).toMatchObject({ container: ID, name: 'web', action, detail });
    expect(obs?.notes).toBeUndefined();
  });

  it.each([
    { action: 'die', exitCode: '137', want: 137 },
    { action: 'exec_die', exitCode: '1', want: 1 },
    { action: 'die', exitCode: 'x', want: null },
    { action: 'stop', exitCode: '0', want: null },
  ])('$action exitCode $exitCode', async ({ action, exitCode, want }) => {
    const record = docker('container', action, ID, { exitCode });
    const [obs] = ofKind(await readText('events.ndjson', jsonl(record)), 'lifecycle');
    expect(obs?.exitCode).toBe(want);
  });
});

describe('podman events about images, volumes, pods and networks', () => {
  const at = { Time: '2026-12-03T15:41:24.157781433Z', Attributes: null };
  it.each([
    {
      name: 'load from an archive',
      record: { Name: '/srv/lab/base.tar', Status: 'loadfromarchive', Type: 'image' },
      want: { action: 'load', detail: '/srv/lab/base.tar', image: null, notes: ['type:image'] },
    },
    {
      name: 'save of an image to an archive',
      record: { ID: IMAGE.slice(7), Name: '/tmp/out.tar', Status: 'save', Type: 'image' },
      want: { action: 'save', detail: '/tmp/out.tar', image: IMAGE },
    },
    {
      name: 'image remove is a delete',
      record: { ID: IMAGE.slice(7), Name: 'docker.io/x:1', Status: 'remove', Type: 'image' },
      want: { action: 'delete', image: 'docker.io/x:1', detail: null },
    },
    {
      name: 'volume create',
      record: { Name: 'data', Status: 'create', Type: 'volume' },
      want: { action: 'create', detail: 'data', container: null, notes: ['type:volume'] },
    },
    {
      name: 'pod remove',
      record: { ID: 'p1', Name: 'webpod', Status: 'remove', Type: 'pod' },
      want: { action: 'destroy', detail: 'webpod', notes: ['type:pod'] },
    },
    {
      name: 'network connect names the container',
      record: { ID, Name: 'web', Network: 'podman', Status: 'connect', Type: 'network' },
      want: { action: 'connect', detail: 'podman', container: ID, name: 'web' },
    },
  ])('$name', async ({ record, want }) => {
    const result = await readText('podman.json', jsonl({ ...record, ...at }));
    expect(result.format).toBe('podman-events');
    const [obs] = ofKind(result, 'lifecycle');
    expect(obs).toMatchObject({ runtime: 'podman', time: at.Time, ...want });
  });
});
