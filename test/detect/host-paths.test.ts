import { describe, expect, it } from 'vitest';
import { hostPathClass } from '../../src/detect/host-paths.js';
import { defaultLists } from '../../src/settings/load.js';

describe('host paths', () => {
  const lists = defaultLists();
  it.each([
    ['/var/run/docker.sock', 'socket'],
    ['/srv/k3s/containerd.sock', 'socket'],
    ['/', 'root'],
    ['//', 'root'],
    ['/etc/kubernetes/pki/', 'sensitive'],
    ['/var/log', 'sensitive'],
    ['/var/log/app', null],
    ['/srv/data', null],
    ['/tmp/app.sock', null],
  ])('%s is %s', (path, expected) => {
    expect(hostPathClass(path, lists)).toBe(expected);
  });
});
