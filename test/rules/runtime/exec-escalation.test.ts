import { describe, expect, it } from 'vitest';
import { containerExec } from '../../../src/detect/rules/runtime/exec.js';
import type { Observation } from '../../../src/model/observation.js';
import { config, lifecycle } from '../../helpers/observations.js';
import { runRule } from '../../helpers/rules.js';

const exec = (detail: string | null, time = '2026-01-02T03:05:00Z') =>
  lifecycle({ action: 'exec_start', detail, time, name: 'web', container: 'c'.repeat(64) });
const inspect = (over: Parameters<typeof config>[0]) =>
  config({ container: 'c'.repeat(64), name: 'web', ...over });

describe('container-exec escalation', () => {
  it.each<{ name: string; obs: Observation[]; want: (string | undefined)[] }>([
    { name: 'plain command', obs: [exec('ls /tmp')], want: [undefined] },
    { name: 'sh -c judges its script', obs: [exec('/bin/sh -c id')], want: [undefined] },
    { name: 'interactive shell', obs: [exec('/bin/bash')], want: ['high'] },
    { name: 'shell with -i', obs: [exec('sh -i')], want: ['high'] },
    {
      name: 'privileged container',
      obs: [inspect({ privileged: true }), exec('ls')],
      want: ['high'],
    },
    { name: 'root container', obs: [inspect({ user: '0:0' }), exec('ls')], want: ['high'] },
    { name: 'non-root user', obs: [inspect({ user: '1000' }), exec('ls')], want: [undefined] },
    {
      name: 'inspect read after the exec still counts',
      obs: [exec('ls'), inspect({ privileged: true, time: '2026-01-02T04:00:00Z' })],
      want: ['high'],
    },
    {
      name: 'suspicious command in a root container',
      obs: [inspect({ user: 'root' }), exec('cat /etc/shadow')],
      want: ['critical'],
    },
    {
      name: 'another container is not this one',
      obs: [inspect({ privileged: true, container: 'd'.repeat(64), name: 'db' }), exec('ls')],
      want: [undefined],
    },
    {
      name: 'audited pod settings are not the container',
      obs: [inspect({ privileged: true, notes: ['audit-request'] }), exec('ls')],
      want: [undefined],
    },
    { name: 'hostile long command', obs: [exec('sh ' + 'x'.repeat(100_000))], want: ['high'] },
  ])('$name', ({ obs, want }) => {
    expect(runRule(containerExec, obs).map((h) => h.hit.severity)).toEqual(want);
  });

  it('exec_create and exec_start of one command share a key: one finding', () => {
    const hits = runRule(containerExec, [
      lifecycle({ action: 'exec_create', detail: '/bin/sh -c id' }),
      lifecycle({ action: 'exec_start', detail: '/bin/sh -c id' }),
    ]);
    expect(new Set(hits.map((h) => h.hit.key)).size).toBe(1);
  });
});
