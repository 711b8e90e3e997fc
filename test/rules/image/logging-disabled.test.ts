import { describe, expect, it } from 'vitest';
import { imageLoggingDisabled } from '../../../src/detect/rules/image/logging-disabled.js';
import { runRule } from '../../helpers/rules.js';
import { imageFile } from './builders.js';

const link = (path: string, linkTarget: string) => imageFile({ path, type: 'symlink', linkTarget });
const conf = (path: string, content: string) => imageFile({ path, content });
const JOURNALD = '/etc/systemd/journald.conf';

describe('image-logging-disabled', () => {
  it.each([
    [
      'journald Storage=none',
      conf(JOURNALD, '[Journal]\nStorage=none\n'),
      /stores nothing \(Storage=none\)$/,
    ],
    [
      'journald with ForwardToSyslog=no too',
      conf(JOURNALD, '[Journal]\nStorage=none\nForwardToSyslog=no\n'),
      /and forwards nothing to syslog \(ForwardToSyslog=no\)/,
    ],
    [
      'a journald drop-in',
      conf('/etc/systemd/journald.conf.d/00-off.conf', '[Journal]\n Storage = None\n'),
      /Storage=none/,
    ],
    [
      'syslog.conf to /dev/null',
      conf('/etc/syslog.conf', '*.*                     /dev/null\n'),
      /syslog\.conf discards every message \(\*\.\* \/dev\/null\)/,
    ],
    [
      'rsyslog.conf stop',
      conf('/etc/rsyslog.conf', '# discard everything\n*.* stop\n'),
      /\*\.\* stop/,
    ],
    ['an rsyslog.d tilde rule', conf('/etc/rsyslog.d/10-drop.conf', '*.*;auth.none ~\n'), /none ~/],
    ['/var/log to /dev/null', link('/var/log', '/dev/null'), /the log folder \/var\/log is a link/],
    [
      'a log file to /dev/null',
      link('/var/log/auth.log', '/dev/null'),
      /log file \/var\/log\/auth\.log/,
    ],
    [
      "root's ash history",
      link('/root/.ash_history', '/dev/null'),
      /history \/root\/\.ash_history/,
    ],
    ["a user's bash history", link('/home/u/.bash_history', '/dev/null/'), /\.bash_history/],
    ['zsh history', link('/home/u/.zsh_history', '/dev/null'), /\.zsh_history/],
  ])('fires on %s', (_name, obs, summary) => {
    const hits = runRule(imageLoggingDisabled, [obs]);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.summary).toMatch(summary);
    expect(hits[0]!.hit.key).toBe(obs.path);
    expect(hits[0]!.card.severity).toBe('high');
  });

  it.each([
    ['journald persistent', conf(JOURNALD, '[Journal]\nStorage=persistent\nForwardToSyslog=yes\n')],
    ['journald ForwardToSyslog=no alone', conf(JOURNALD, '[Journal]\nForwardToSyslog=no\n')],
    ['a commented Storage=none', conf(JOURNALD, '#Storage=none\n')],
    [
      'busybox syslog.conf',
      conf('/etc/syslog.conf', '*.info /var/log/messages\nauth.* /var/log/a\n'),
    ],
    ['a narrower discard rule', conf('/etc/rsyslog.conf', 'kern.* stop\n')],
    ['a commented discard rule', conf('/etc/rsyslog.conf', '# *.* stop\n')],
    ['nginx logs to stdout', link('/var/log/nginx/access.log', '/dev/stdout')],
    ['/var/log as a folder', imageFile({ path: '/var/log', type: 'dir' })],
    ['history as a plain file', imageFile({ path: '/root/.bash_history', content: 'ls\n' })],
    ['a whiteout of /var/log/messages', imageFile({ path: '/var/log/messages', type: 'whiteout' })],
    [
      'a config whose content was not read',
      imageFile({ path: '/etc/rsyslog.conf', content: null }),
    ],
  ])('stays quiet on %s', (_name, obs) => {
    expect(runRule(imageLoggingDisabled, [obs])).toEqual([]);
  });
});
