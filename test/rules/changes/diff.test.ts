import { describe, expect, it } from 'vitest';
import type { FileChangeObservation } from '../../../src/model/observation.js';
import { runRule } from '../../helpers/rules.js';

function change(path: string, kind: FileChangeObservation['change']): FileChangeObservation {
  return {
    kind: 'file-change',
    time: null,
    ts: null,
    source: { path: 'diff_web.txt', line: 1 },
    container: null,
    name: 'web',
    path,
    change: kind,
  };
}

function severities(rule: string, path: string, kind: FileChangeObservation['change']): string[] {
  return runRule(rule, [change(path, kind)]).map((h) => h.hit.severity ?? h.card.severity);
}

describe('diff-persistence-path', () => {
  it.each([
    { path: '/etc/cron.d/sysupdate', change: 'added', fires: true },
    { path: '/etc/crontab', change: 'changed', fires: true },
    { path: '/etc/crontabs/root', change: 'changed', fires: true },
    { path: '/var/spool/cron/crontabs/root', change: 'added', fires: true },
    { path: '/root/.ssh/authorized_keys', change: 'added', fires: true },
    { path: '/home/app/.ssh/authorized_keys', change: 'changed', fires: true },
    { path: '/etc/systemd/system/kworker.service', change: 'added', fires: true },
    { path: '/etc/ld.so.preload', change: 'added', fires: true },
    { path: '/etc/passwd', change: 'changed', fires: true },
    { path: '/etc/sudoers.d/90-app', change: 'added', fires: true },
    // A parent folder listed as changed says nothing by itself.
    { path: '/etc', change: 'changed', fires: false },
    { path: '/etc/crontabs', change: 'changed', fires: false },
    { path: '/root/.ssh', change: 'added', fires: false },
    { path: '/etc/cron.d/sysupdate', change: 'deleted', fires: false },
    { path: '/etc/nginx/conf.d/site.conf', change: 'added', fires: false },
  ] as const)('$change $path', ({ path, change: kind, fires }) => {
    expect(severities('diff-persistence-path', path, kind)).toEqual(fires ? ['high'] : []);
  });
});

describe('diff-temp-executable', () => {
  it.each([
    { path: '/tmp/.x', change: 'added', want: ['high'] },
    { path: '/tmp/.X11-unix-evil', change: 'added', want: ['high'] },
    { path: '/dev/shm/payload.sh', change: 'added', want: ['high'] },
    { path: '/var/tmp/kworker', change: 'added', want: ['medium'] },
    { path: '/tmp', change: 'changed', want: [] },
    { path: '/tmp/old', change: 'deleted', want: [] },
    { path: '/tmpfoo/x', change: 'added', want: [] },
  ] as const)('$change $path', ({ path, change: kind, want }) => {
    expect(severities('diff-temp-executable', path, kind)).toEqual(want);
  });
});

describe('diff-logs-deleted', () => {
  it.each([
    { path: '/var/log/auth.log', change: 'deleted', fires: true },
    { path: '/var/log', change: 'deleted', fires: true },
    { path: '/root/.bash_history', change: 'deleted', fires: true },
    { path: '/home/app/.ash_history', change: 'deleted', fires: true },
    { path: '/var/log/nginx/access.log.1', change: 'deleted', fires: false },
    { path: '/var/log/syslog.2.gz', change: 'deleted', fires: false },
    { path: '/var/log/auth.log', change: 'changed', fires: false },
    { path: '/var/logs/app.log', change: 'deleted', fires: false },
  ] as const)('$change $path', ({ path, change: kind, fires }) => {
    expect(severities('diff-logs-deleted', path, kind)).toEqual(fires ? ['high'] : []);
  });

  it('names the container and the path', () => {
    const [hit] = runRule('diff-logs-deleted', [change('/root/.bash_history', 'deleted')]);
    expect(hit!.hit.summary).toBe('/root/.bash_history deleted in web');
    expect(hit!.hit.key).toBe('/root/.bash_history');
  });
});

describe('scratch folders programs make in /tmp', () => {
  it.each([
    '/tmp/.X11-unix',
    '/tmp/.ICE-unix/42',
    '/tmp/hsperfdata_root',
    '/tmp/hsperfdata_app/77',
  ])('%s is no dropped executable', (path) => {
    expect(severities('diff-temp-executable', path, 'added')).toEqual([]);
  });
});
