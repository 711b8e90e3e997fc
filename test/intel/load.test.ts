import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_LINES_LISTED, formatIntelWarning, loadIntel } from '../../src/intel/load.js';
import { UserError } from '../../src/util/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'stowaway-intel-'));

function feed(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadIntel', () => {
  it('loads addresses and networks, with comments and blank lines', async () => {
    const lines = [
      '\uFEFF# command and control',
      '',
      '203.0.113.66   # beacon target\r',
      '198.51.100.0/24',
      '2001:db8:bad::/48 ; range',
    ];
    const path = feed('c2.txt', `${lines.join('\n')}\n`);
    const intel = await loadIntel([path]);
    expect(intel.size).toBe(3);
    expect(intel.warnings).toEqual([]);
    expect(intel.feeds).toEqual([{ path, feed: 'c2.txt', entries: 3, badLines: 0 }]);
    expect(intel.match('203.0.113.66')).toEqual({ feed: 'c2.txt', entry: '203.0.113.66' });
    expect(intel.match('198.51.100.9')).toEqual({ feed: 'c2.txt', entry: '198.51.100.0/24' });
    expect(intel.match('2001:db8:bad::1')?.entry).toBe('2001:db8:bad::/48');
    expect(intel.match('192.0.2.1')).toBeNull();
  });

  it('reports bad lines with the file and line, and keeps the good ones', async () => {
    const path = feed('mixed.txt', '203.0.113.66\nevil.example\n10.0.0.0/99\n198.51.100.7\n');
    const intel = await loadIntel([path]);
    expect(intel.size).toBe(2);
    expect(intel.warnings.map(formatIntelWarning)).toEqual([
      `${path}: line 2: not an IP address or CIDR network: 'evil.example'`,
      `${path}: line 3: not a CIDR network: '10.0.0.0/99'`,
    ]);
  });

  it('lists the first bad lines of a feed and counts the rest', async () => {
    const lines = Array.from({ length: BAD_LINES_LISTED + 5 }, (_, i) => `host${i}.example`);
    const path = feed('junk.txt', `${lines.join('\n')}\n`);
    const intel = await loadIntel([path]);
    expect(intel.warnings).toHaveLength(BAD_LINES_LISTED + 2);
    const more = { path, line: null, message: '5 more bad lines not listed' };
    expect(intel.warnings.at(-2)).toEqual(more);
    expect(intel.warnings.at(-1)!.message).toMatch(/no IP addresses or CIDR networks/);
  });

  it('answers the same whatever the order of the feeds', async () => {
    const a = feed('a.txt', '192.0.2.1\n');
    const b = feed('b.txt', '192.0.2.0/24\n192.0.2.1\n');
    const one = await loadIntel([a, b]);
    const two = await loadIntel([b, a, b]);
    expect(one.match('192.0.2.1')).toEqual({ feed: 'a.txt', entry: '192.0.2.1' });
    expect(two.match('192.0.2.1')).toEqual(one.match('192.0.2.1'));
    expect(two.feeds.map((f) => [f.feed, f.entries])).toEqual([
      ['a.txt', 1],
      ['b.txt', 1],
    ]);
  });

  it.each([
    {
      name: 'a missing file',
      path: join(dir, 'nope.txt'),
      why: /nope\.txt: intel file not found; check the path given to --intel/,
    },
    { name: 'a folder', path: dir, why: /not a file; --intel takes a file/ },
  ])('refuses $name with a user error', async ({ path, why }) => {
    const load = loadIntel([path]);
    await expect(load).rejects.toBeInstanceOf(UserError);
    await expect(loadIntel([path])).rejects.toThrow(why);
  });

  it('loads nothing from no paths', async () => {
    const intel = await loadIntel([]);
    expect([intel.size, intel.match('192.0.2.1')]).toEqual([0, null]);
  });
});
