import { describe, expect, it } from 'vitest';
import { runtimeShortLived } from '../../../src/detect/rules/runtime/short-lived.js';
import type { Observation } from '../../../src/model/observation.js';
import { config, lifecycle } from '../../helpers/observations.js';
import { runRule } from '../../helpers/rules.js';

const T0 = Date.parse('2026-01-02T03:04:05Z');
const at = (action: string, seconds: number, over = {}) =>
  lifecycle({ action, time: new Date(T0 + seconds * 1000).toISOString(), ...over });

describe('runtime-short-lived-container', () => {
  it.each<{ name: string; obs: Observation[]; want: (string | undefined)[] }>([
    {
      name: 'gone in 0.4 s',
      obs: [at('create', 0), at('start', 0.1), at('destroy', 0.4)],
      want: [undefined],
    },
    { name: 'exactly ten seconds', obs: [at('create', 0), at('destroy', 10)], want: [undefined] },
    { name: 'eleven seconds', obs: [at('create', 0), at('destroy', 11)], want: [] },
    {
      name: 'exec into it',
      obs: [at('create', 0), at('exec_start', 0.2, { detail: 'id' }), at('destroy', 0.5)],
      want: ['high'],
    },
    {
      name: 'privileged by its inspect',
      obs: [
        at('create', 0),
        config({ container: 'b'.repeat(64), privileged: true }),
        at('destroy', 1),
      ],
      want: ['high'],
    },
    { name: 'no create seen', obs: [at('start', 0), at('destroy', 1)], want: [] },
    { name: 'stopped, not removed', obs: [at('create', 0), at('die', 1)], want: [] },
    {
      name: 'another container removed',
      obs: [at('create', 0), at('destroy', 1, { container: 'e'.repeat(64) })],
      want: [],
    },
    {
      name: 'undated events',
      obs: [lifecycle({ action: 'create', time: null, ts: null }), at('destroy', 1)],
      want: [],
    },
    {
      name: 'a volume create is no container',
      obs: [
        at('create', 0, { notes: ['type:volume'] }),
        at('destroy', 1, { notes: ['type:volume'] }),
      ],
      want: [],
    },
  ])('$name', ({ obs, want }) => {
    expect(runRule(runtimeShortLived, obs).map((h) => h.hit.severity)).toEqual(want);
  });
});
