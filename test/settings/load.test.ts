import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLists, loadSettings } from '../../src/settings/load.js';

function folderWith(config: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'stowaway-settings-'));
  if (config !== null) writeFileSync(join(dir, 'stowaway.yaml'), config);
  return dir;
}

describe('shipped lists', () => {
  const lists = defaultLists();
  it.each([
    ['sensitive-host-paths', '/etc/kubernetes/pki', true],
    ['sensitive-host-paths', '/srv/data', false],
    ['sensitive-host-paths-whole', '/', true],
    ['runtime-sockets', '/var/run/docker.sock', true],
    ['dangerous-capabilities', 'sys_admin', true],
    ['system-images', 'registry.k8s.io/kube-proxy:v1.31.0', true],
    ['system-images', 'docker.io/evil/kube-proxy:v1.31.0', false],
    ['system-identities', 'system:node:worker-1', true],
    ['system-identities', 'alice@example.com', false],
    ['cluster-ranges', '10.244.1.7', true],
    ['cluster-ranges', '::ffff:10.0.0.1', true],
    ['cluster-ranges', '203.0.113.9', false],
    ['cluster-ranges', 'not an address', false],
    ['miner-patterns', './xmrig --url stratum+tcp://pool:3333', true],
    ['security-agents', 'falco', true],
    ['security-agents', 'gcr.io/datadoghq/agent:7', true],
    ['security-agents', 'osquery/osquery:5.12.1', true],
    ['security-agents', 'timberio/vector:0.40.0-debian', true],
    ['security-agents', 'mycorp/vector-search:1', false],
    ['security-agents', 'otel-collector-contrib', true],
    ['security-agents', 'metrics-collector', false],
    ['sensitive-devices', '/dev/disk/by-id/nvme-Samsung_SSD', true],
    ['sensitive-devices', '/dev/cpu/0/msr', true],
    ['sensitive-devices', '/dev/null', false],
  ])('%s holds %j: %s', (name, value, expected) => {
    expect(lists.has(name, value)).toBe(expected);
  });
});

describe('stowaway.yaml', () => {
  it('adds to a shipped list and replaces another', async () => {
    const dir = folderWith(
      'lists:\n  trusted-registries: [registry.corp.example]\n' +
        'replace:\n  cluster-ranges: [10.42.0.0/16]\n',
    );
    const { lists, configPath } = await loadSettings(undefined, dir);
    expect(configPath).toBe('stowaway.yaml');
    expect(lists.has('trusted-registries', 'registry.corp.example')).toBe(true);
    expect(lists.has('trusted-registries', 'docker.io')).toBe(true);
    expect(lists.has('cluster-ranges', '10.42.3.4')).toBe(true);
    expect(lists.has('cluster-ranges', '10.1.2.3')).toBe(false);
  });

  it('defines a list of its own with a type', async () => {
    const dir = folderWith('lists:\n  my-hosts:\n    type: ranges\n    values: [192.0.2.0/24]\n');
    const { lists } = await loadSettings(undefined, dir);
    expect(lists.has('my-hosts', '192.0.2.9')).toBe(true);
  });

  it('names intel feeds relative to itself', async () => {
    const dir = folderWith('intel: [feeds/bad.txt]\n');
    const { intel } = await loadSettings(join(dir, 'stowaway.yaml'), '/');
    expect(intel).toEqual([join(dir, 'feeds/bad.txt')]);
  });

  it('is optional', async () => {
    const { configPath } = await loadSettings(undefined, folderWith(null));
    expect(configPath).toBeNull();
  });

  it.each([
    ['not YAML', 'lists: [', /not valid YAML/],
    ['an unknown key', 'allow: []\n', /Unrecognized key/],
    ['a list without a type', 'lists:\n  mine: [a]\n', /list 'mine' is unknown; give its type/],
    ['a bad network', 'lists:\n  cluster-ranges: [10.0.0.0/99]\n', /not an IP address or CIDR/],
    ['a bad pattern', 'lists:\n  miner-patterns: [xmrig]\n', /not a \/pattern\/flags/],
    ['replace of an unknown list', 'replace:\n  nope: [a]\n', /cannot replace the unknown list/],
    ['a number for a value', 'lists:\n  trusted-registries: [5]\n', /trusted-registries/],
  ])('refuses %s with a located message', async (_, text, message) => {
    await expect(loadSettings(undefined, folderWith(text))).rejects.toThrow(message);
  });

  it('says when the file named by --config is missing', async () => {
    await expect(loadSettings('nowhere.yaml', folderWith(null))).rejects.toThrow(
      /cannot read the configuration nowhere.yaml \(ENOENT\)/,
    );
  });
});

describe('image and glob lists', () => {
  const lists = defaultLists();
  it.each([
    ['system-images', 'registry.k8s.io/kube-proxy:v1.31.0', true],
    ['system-images', 'registry.k8s.io/sig-storage/csi-attacher:v4.6.1', true],
    ['system-images', 'coredns/coredns:1.11.1', true],
    ['system-images', 'docker.io/coredns/coredns@sha256:' + 'a'.repeat(64), true],
    ['system-images', '602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.29', true],
    ['system-images', 'attacker.example/a.dkr.ecr.b.amazonaws.com/eks/miner:1', false],
    ['system-images', '123456789012.dkr.ecr.us-east-1.amazonaws.com/eks/miner:1', false],
    ['system-images', '602401143452.dkr.ecr.evil.example/xmrig:1', false],
    ['system-images', 'evil.io/registry.k8s.io/pause', false],
    ['trusted-privileged-images', 'falcosecurity/falco:0.39.0', true],
    ['trusted-privileged-images', 'docker.io/falcosecurity/falco-no-driver', true],
    ['trusted-privileged-images', 'nginx', false],
    ['system-identities', 'system:node:worker-1', true],
    ['system-identities', 'system:serviceaccount:kube-system:x/y', false],
  ])('%s holds %j: %s', (name, value, expected) => {
    expect(lists.has(name, value)).toBe(expected);
  });

  it.each([
    [['nginx'], 'docker.io/library/nginx:1.25', true],
    [['docker.io/library/nginx'], 'nginx', true],
    [['nginx:latest'], 'nginx', true],
    [['nginx:1.*'], 'nginx:1.25', true],
    [['nginx:1.*'], 'nginx:2.0', false],
    [['nginx'], 'nginx-evil', false],
    [['corp.example/agents/*'], 'corp.example/agents/node:3', true],
    [['corp.example/agents/*'], 'corp.example/agents/x/node:3', false],
  ])('a user image list %j holds %j: %s', async (values, image, expected) => {
    const yaml = `replace:\n  trusted-privileged-images: ${JSON.stringify(values)}\n`;
    const { lists: mine } = await loadSettings(undefined, folderWith(yaml));
    expect(mine.has('trusted-privileged-images', image)).toBe(expected);
  });
});

describe('stowaway.yaml precedence and messages', () => {
  it('applies a replacement before additions to the same list', async () => {
    const yaml =
      'replace:\n  trusted-registries: [a.example]\nlists:\n  trusted-registries: [b.example]\n';
    const { lists } = await loadSettings(undefined, folderWith(yaml));
    expect(lists.values('trusted-registries')).toEqual(['a.example', 'b.example']);
  });

  it.each([
    [
      'a mapping where a list belongs',
      'lists:\n  trusted-registries: {a: 1}\n',
      /expected a list of strings/,
    ],
    ['broken YAML', 'lists: {a: [\n', /^[^\n]*[^:]; fix the file$/],
  ])('says what is wrong with %s', async (_, text, message) => {
    await expect(loadSettings(undefined, folderWith(text))).rejects.toThrow(message);
  });
});
