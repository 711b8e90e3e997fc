import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPaths } from '../../src/evidence/paths.js';

describe('expandPaths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stowaway-paths-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'b.json'), '{}');
  writeFileSync(join(dir, 'sub', 'a.log'), 'x');
  symlinkSync('loop-2', join(dir, 'loop-1'));
  symlinkSync('loop-1', join(dir, 'loop-2'));
  symlinkSync('sub', join(dir, 'to-folder'));
  execFileSync('mkfifo', [join(dir, 'pipe')]);

  it('walks folders, sorts, and lists what it cannot read with a reason', async () => {
    const files = await expandPaths([dir]);
    const got = files.map((f) => [f.path.slice(dir.length + 1), f.unreadable ?? null]);
    expect(got).toEqual([
      ['b.json', null],
      ['loop-1', 'a broken or looping link (ELOOP)'],
      ['loop-2', 'a broken or looping link (ELOOP)'],
      ['pipe', 'not a regular file (a device, FIFO or socket)'],
      ['sub/a.log', null],
      ['to-folder', 'a link to a folder (not followed)'],
    ]);
  });

  it('reads a file named twice, in two spellings, once', async () => {
    const files = await expandPaths([join(dir, 'b.json'), `${dir}/./b.json`, dir]);
    expect(files.filter((f) => f.path.endsWith('b.json'))).toHaveLength(1);
  });

  it('does not depend on the order of the paths', async () => {
    const a = await expandPaths([join(dir, 'sub'), join(dir, 'b.json')]);
    const b = await expandPaths([join(dir, 'b.json'), join(dir, 'sub')]);
    expect(a).toEqual(b);
  });
});
