import { describe, expect, it } from 'vitest';
import { containerFromDiffName } from '../../../src/readers/docker/diff/name.js';
import { ofKind, readText } from './helpers.js';

const ID = 'c454e929116105339869ef8332d720a96b0f692c2475684ac563bf4c5f3acde9';

describe('containerFromDiffName', () => {
  it.each([
    { file: 'diff_web.txt', want: { container: null, name: 'web' } },
    { file: 'diff-web-1.txt', want: { container: null, name: 'web-1' } },
    { file: 'web-1.diff', want: { container: null, name: 'web-1' } },
    { file: 'web-1-diff.txt', want: { container: null, name: 'web-1' } },
    { file: 'podman_diff_tampered.json', want: { container: null, name: 'tampered' } },
    { file: `${ID.slice(0, 12)}.diff`, want: { container: ID.slice(0, 12), name: null } },
    { file: 'changes.txt', want: { container: null, name: null } },
    { file: 'difference.txt', want: { container: null, name: null } },
    { file: 'diff.txt', want: { container: null, name: null } },
  ])('$file', ({ file, want }) => {
    expect(containerFromDiffName(file)).toEqual(want);
  });
});

describe('docker diff text', () => {
  it('reads each line as a file change, undated, named from the file', async () => {
    const result = await readText('diff-web-1.txt', 'C /etc\r\nA /tmp/.x\nD /var/log/syslog\n');
    expect(result.format).toBe('container-diff');
    expect(result.stats).toMatchObject({ records: 3, skipped: 0 });
    const changes = ofKind(result, 'file-change');
    expect(changes.map((c) => [c.change, c.path, c.source.line])).toEqual([
      ['changed', '/etc', 1],
      ['added', '/tmp/.x', 2],
      ['deleted', '/var/log/syslog', 3],
    ]);
    expect(changes[0]).toMatchObject({
      time: null,
      name: 'web-1',
      container: null,
      notes: ['name-from-file-name'],
    });
  });

  it('keeps a path with spaces whole, and names nothing from a plain file name', async () => {
    const [change] = ofKind(await readText('changes.txt', 'A /tmp/a b\n'), 'file-change');
    expect(change).toMatchObject({ path: '/tmp/a b', name: null, container: null });
    expect(change?.notes).toBeUndefined();
  });

  it.each([
    { name: 'a log line', text: 'A /tmp/x\n2024-03-01T10:00:00Z hello\n' },
    { name: 'a relative path', text: 'C /etc\nA tmp/x\n' },
    { name: 'an unknown letter', text: 'C /etc\nM /etc/passwd\n' },
    { name: 'prose', text: 'A quick note\n' },
  ])('is not sniffed from a head with $name', async ({ text }) => {
    const result = await readText('notes.txt', text);
    expect(result.format).not.toBe('container-diff');
  });

  it('skips and locates a bad line past the head', async () => {
    const filler = 'A /tmp/f\n'.repeat(9000);
    const result = await readText('diff-web.txt', `${filler}oops\nD /etc/motd\n`);
    expect(result.format).toBe('container-diff');
    expect(result.stats).toMatchObject({ records: 9001, skipped: 1 });
    expect(result.stats.warnings[0]).toMatchObject({ line: 9001 });
  });
});

describe('podman diff JSON', () => {
  it('reads every list, each path located on its line', async () => {
    const text = '{\n "changed": [\n  "/etc"\n ],\n "added": [\n  "/tmp/.x",\n  "/host"\n ]\n}\n';
    const result = await readText('podman_diff_tampered.json', text);
    expect(result.format).toBe('container-diff');
    expect(result.stats).toMatchObject({ records: 3, skipped: 0 });
    const changes = ofKind(result, 'file-change');
    expect(changes.map((c) => [c.change, c.path, c.source.line, c.name])).toEqual([
      ['added', '/tmp/.x', 6, 'tampered'],
      ['added', '/host', 7, 'tampered'],
      ['changed', '/etc', 3, 'tampered'],
    ]);
  });

  it.each([
    { name: 'a number', text: '{\n "added": [1, "/ok"]\n}', skipped: 1, records: 1 },
    { name: 'a relative path', text: '{\n "deleted": ["etc", "/ok"]\n}', skipped: 1, records: 1 },
    {
      name: 'a list that is not one',
      text: '{\n "changed": "/etc",\n "added": ["/x"]\n}',
      skipped: 1,
      records: 1,
    },
  ])('skips and counts $name', async ({ text, skipped, records }) => {
    const result = await readText('diff.json', text);
    expect(result.format).toBe('container-diff');
    expect(result.stats).toMatchObject({ records, skipped });
  });

  it('does not take other JSON objects for a diff', async () => {
    const result = await readText('x.json', '{\n "changed": ["/etc"],\n "kind": "Pod"\n}');
    expect(result.format).not.toBe('container-diff');
  });
});
