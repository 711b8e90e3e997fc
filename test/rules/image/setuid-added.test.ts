import { describe, expect, it } from 'vitest';
import { imageSetuidAdded } from '../../../src/detect/rules/image/setuid-added.js';
import { runRule } from '../../helpers/rules.js';
import { imageFile, inLayer } from './builders.js';

describe('image-setuid-added', () => {
  it.each([
    [
      'a hidden root shell',
      inLayer(1, { path: '/usr/local/sbin/.rootsh', mode: '4755' }),
      'high',
      /adds setuid root program \/usr\/local\/sbin\/\.rootsh \(layer 2, hidden\)/,
    ],
    [
      'a root setuid file in /tmp',
      inLayer(1, { path: '/tmp/x', mode: '4755' }),
      'high',
      /outside the usual program folders/,
    ],
    [
      'a setgid file in /usr/bin',
      inLayer(1, { path: '/usr/bin/wall', mode: '2755' }),
      'medium',
      /adds setgid root program \/usr\/bin\/wall \(layer 2\)/,
    ],
    [
      'setuid and setgid, not root',
      inLayer(1, { path: '/opt/t', mode: '6755', uid: 1000 }),
      'medium',
      /setuid and setgid uid 1000 program/,
    ],
    [
      'a hard link',
      inLayer(2, { path: '/usr/sbin/su2', mode: '4755', type: 'hardlink' }),
      'medium',
      /layer 3/,
    ],
    [
      'layer 1 with no base known',
      inLayer(1, { path: '/bin/.x', mode: '4755', baseLayers: 0 }),
      'high',
      /hidden/,
    ],
  ])('fires on %s', (_name, obs, severity, summary) => {
    const [hit] = runRule(imageSetuidAdded, [obs]);
    expect(hit!.hit.severity).toBe(severity);
    expect(hit!.hit.summary).toMatch(summary);
    expect(hit!.hit.key).toBe(obs.path);
  });

  it.each([
    ["the base image's layer", inLayer(0, { path: '/bin/su', mode: '4755', baseLayers: 0 })],
    [
      'a layer shared with a base image',
      inLayer(1, { path: '/usr/bin/passwd', mode: '4755', baseLayers: 2 }),
    ],
    ['a plain executable', inLayer(1, { path: '/usr/local/bin/app', mode: '0755' })],
    ['a sticky folder', inLayer(1, { path: '/tmp', mode: '1777', type: 'dir' })],
    ['a setuid symlink', inLayer(1, { path: '/usr/bin/s', mode: '4777', type: 'symlink' })],
    ['an unreadable mode', imageFile({ mode: 'zz' })],
  ])('stays quiet on %s', (_name, obs) => {
    expect(runRule(imageSetuidAdded, [obs])).toEqual([]);
  });
});
