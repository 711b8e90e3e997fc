import { describe, expect, it } from 'vitest';
import { eventsGapRule } from '../../../../src/detect/rules/kubernetes/inventory/events-gap.js';
import type { LifecycleObservation } from '../../../../src/model/observation.js';
import { lifecycle } from '../../../helpers/observations.js';
import { runRule } from '../../../helpers/rules.js';

const T0 = Date.parse('2026-01-01T13:00:00Z');
const event = (minute: number, firstMinute = minute, over: Partial<LifecycleObservation> = {}) =>
  lifecycle({
    runtime: 'kubernetes',
    action: 'unhealthy',
    time: new Date(T0 + minute * 60_000).toISOString(),
    firstTime: new Date(T0 + firstMinute * 60_000).toISOString(),
    ...over,
  });
const rule = eventsGapRule({ gapMs: 30 * 60_000, around: 3 });

describe('kubectl-events-gap', () => {
  it.each<{ name: string; obs: LifecycleObservation[]; want: string[] }>([
    { name: 'steady events', obs: [0, 5, 10, 15, 20, 25].map((m) => event(m)), want: [] },
    { name: 'a 50 minute hole', obs: [0, 4, 8, 58, 62, 66].map((m) => event(m)), want: ['50'] },
    { name: 'hole at the edge', obs: [0, 50, 54, 58, 62].map((m) => event(m)), want: [] },
    {
      name: 'a folded event spans the hole',
      obs: [event(0), event(4), event(8), event(58, 5), event(62), event(66)],
      want: [],
    },
    {
      name: 'docker events do not count',
      obs: [0, 4, 8, 58, 62, 66].map((m) => event(m, m, { runtime: 'docker' })),
      want: [],
    },
    {
      name: 'undated events are ignored',
      obs: [
        event(0),
        event(4),
        event(8),
        event(20, 20, { time: null, ts: null }),
        event(58),
        event(62),
        event(66),
      ],
      want: ['50'],
    },
    {
      name: 'a hostile first time after the last is ignored',
      obs: [event(0), event(4), event(8), event(58, 9999), event(62), event(66)],
      want: ['50'],
    },
  ])('$name', ({ obs, want }) => {
    expect(runRule(rule, obs).map((h) => h.hit.vars?.minutes)).toEqual(want);
  });
});
