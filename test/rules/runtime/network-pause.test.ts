import { describe, expect, it } from 'vitest';
import { runtimeNetworkConnect } from '../../../src/detect/rules/runtime/network-connect.js';
import { pauseRule } from '../../../src/detect/rules/runtime/pause-activity.js';
import type { Observation } from '../../../src/model/observation.js';
import { lifecycle } from '../../helpers/observations.js';
import { runRule } from '../../helpers/rules.js';

const T0 = Date.parse('2026-01-02T03:04:05Z');
const at = (action: string, seconds: number, over = {}) =>
  lifecycle({ action, time: new Date(T0 + seconds * 1000).toISOString(), ...over });
const net = (action: string, seconds: number, network: string) =>
  at(action, seconds, { notes: ['type:network'], name: null, image: null, detail: network });

describe('runtime-network-connect', () => {
  it.each<{ name: string; obs: Observation[]; want: (string | undefined)[] }>([
    {
      name: 'connect before start',
      obs: [at('create', 0), net('connect', 0.1, 'app'), at('start', 1)],
      want: [],
    },
    {
      name: 'connect while running',
      obs: [at('start', 0), net('connect', 60, 'db')],
      want: [undefined],
    },
    {
      name: 'host network while running',
      obs: [at('start', 0), net('connect', 60, 'host')],
      want: ['high'],
    },
    {
      name: 'reconnect before a restart',
      obs: [at('start', 0), at('die', 5), net('connect', 6, 'app')],
      want: [],
    },
    { name: 'unknown container', obs: [net('connect', 6, 'app')], want: [] },
  ])('$name', ({ obs, want }) => {
    expect(runRule(runtimeNetworkConnect, obs).map((h) => h.hit.severity)).toEqual(want);
  });
});

describe('runtime-pause-around-activity', () => {
  const agent = { container: 'a'.repeat(64), name: 'falco' };
  const other = { container: 'f'.repeat(64), name: 'web' };
  const rule = pauseRule({ longMs: 600_000 });
  it.each<{ name: string; obs: Observation[]; want: number }>([
    {
      name: 'exec elsewhere during the pause',
      obs: [
        at('pause', 0, agent),
        at('exec_start', 5, { ...other, detail: 'sh' }),
        at('unpause', 9, agent),
      ],
      want: 1,
    },
    { name: 'quiet short pause', obs: [at('pause', 0, agent), at('unpause', 9, agent)], want: 0 },
    { name: 'long pause', obs: [at('pause', 0, agent), at('unpause', 601, agent)], want: 1 },
    {
      name: 'still paused at the end, with a create after',
      obs: [at('pause', 0, agent), at('create', 30, other)],
      want: 1,
    },
    {
      name: 'activity after the unpause',
      obs: [at('pause', 0, agent), at('unpause', 9, agent), at('exec_start', 20, other)],
      want: 0,
    },
    {
      name: 'an image loaded during the pause',
      obs: [
        at('pause', 0, agent),
        at('load', 3, { container: null, name: null, notes: ['type:image'], image: 'kit:1' }),
        at('unpause', 9, agent),
      ],
      want: 1,
    },
    {
      name: 'start and stop of others are not activity',
      obs: [
        at('pause', 0, agent),
        at('start', 3, other),
        at('die', 4, other),
        at('unpause', 9, agent),
      ],
      want: 0,
    },
  ])('$name', ({ obs, want }) => {
    expect(runRule(rule, obs)).toHaveLength(want);
  });
});
