import { describe, expect, it } from 'vitest';
import { imageLdPreload } from '../../../src/detect/rules/image/ld-preload.js';
import { runRule } from '../../helpers/rules.js';
import { imageFile } from './builders.js';

const PRELOAD = '/etc/ld.so.preload';

describe('image-ld-preload', () => {
  it.each([
    [
      'a file naming a library',
      { content: '/usr/local/lib/libprocesshider.so\n' },
      'critical',
      /preloads \/usr\/local\/lib\/libprocesshider\.so into every process/,
    ],
    [
      'two libraries and a comment',
      { content: '# hide\n/lib/a.so /lib/b.so\n' },
      'critical',
      /preloads \/lib\/a\.so, \/lib\/b\.so/,
    ],
    ['an empty file', { content: '' }, 'high', /names no library/],
    ['a file whose content was not read', { content: null }, 'high', /content not read/],
    [
      'a symlink',
      { type: 'symlink' as const, linkTarget: '/tmp/.p' },
      'high',
      /links to \/tmp\/\.p/,
    ],
    [
      'a hard link',
      { type: 'hardlink' as const, content: '/lib/x.so' },
      'critical',
      /\/lib\/x\.so/,
    ],
  ])('fires on %s', (_name, over, severity, summary) => {
    const [hit, ...more] = runRule(imageLdPreload, [imageFile({ path: PRELOAD, ...over })]);
    expect(more).toEqual([]);
    expect(hit!.hit.severity).toBe(severity);
    expect(hit!.hit.summary).toMatch(summary);
    expect(hit!.hit.summary).toMatch(/evidence\/app:1\.0 \(layer 2\)/);
    expect(hit!.hit).toMatchObject({ key: PRELOAD, subject: { imageNames: ['evidence/app:1.0'] } });
    expect(hit!.hit.evidence![0]).toMatchObject({ member: 'etc/ld.so.preload', layer: 1 });
  });

  it.each([
    ['its whiteout', { path: PRELOAD, type: 'whiteout' as const }],
    ['a folder of that name', { path: PRELOAD, type: 'dir' as const }],
    ['ld.so.conf', { path: '/etc/ld.so.conf', content: '/usr/lib' }],
    ['a preload file elsewhere', { path: '/opt/etc/ld.so.preload', content: '/x.so' }],
  ])('stays quiet on %s', (_name, over) => {
    expect(runRule(imageLdPreload, [imageFile(over)])).toEqual([]);
  });

  it('fills its response steps with the library', () => {
    const [hit] = runRule(imageLdPreload, [imageFile({ path: PRELOAD, content: '/lib/evil.so' })]);
    const vars = { library: '/lib/evil.so', path: PRELOAD, layer: 'layer 2' };
    expect(hit!.hit.vars).toMatchObject(vars);
  });
});
