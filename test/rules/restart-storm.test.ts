import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/detect/engine.js';
import {
  containerRestartStorm,
  restartStormRule,
} from '../../src/detect/rules/runtime/restart-storm.js';
import { defaultSettings, packRule } from '../helpers/rules.js';
import type { LifecycleObservation, Observation } from '../../src/model/observation.js';
import { readPath } from '../readers/docker/helpers.js';

const T0 = Date.parse('2026-12-03T15:51:48Z');
let line = 0;

/** A lifecycle event `seconds` after T0; a null time makes it undated. */
function event(
  action: string,
  seconds: number | null,
  container = 'e0ead4f4faf2',
  more: Partial<LifecycleObservation> = {},
): LifecycleObservation {
  const ts = seconds === null ? null : T0 + seconds * 1000;
  return {
    kind: 'lifecycle',
    time: ts === null ? null : new Date(ts).toISOString(),
    ts,
    source: { path: 'events.ndjson', line: ++line },
    runtime: 'docker',
    container,
    name: container === 'e0ead4f4faf2' ? 'flaky' : null,
    image: 'docker.io/evidence/base:1.0',
    pod: null,
    action,
    detail: null,
    exitCode: action === 'die' ? 1 : null,
    ...more,
  };
}

function deaths(times: (number | null)[], container?: string): LifecycleObservation[] {
  return times.map((t) => event('die', t, container));
}

function run(observations: Observation[], logic = containerRestartStorm) {
  const rule = { ...packRule(containerRestartStorm), create: logic.create };
  const engine = new Engine([rule], defaultSettings());
  for (const obs of observations) engine.observe(obs);
  return engine.finish().hits.map((h) => h.hit);
}

describe('restart storm', () => {
  it.each([
    { name: 'six deaths in ten seconds', events: deaths([0, 2, 4, 6, 8, 10]), want: [6] },
    { name: 'exactly five within the window', events: deaths([0, 30, 60, 90, 120]), want: [5] },
    {
      name: 'Podman: died then restart is one death',
      events: [0, 2, 4, 6, 8].flatMap((t) => [event('die', t), event('restart', t + 0.01)]),
      want: [5],
    },
    {
      name: 'restart events alone count',
      events: [0, 10, 20, 30, 40].map((t) => event('restart', t)),
      want: [5],
    },
    {
      name: 'a storm that goes on a minute apart stays one storm',
      events: deaths([0, 1, 2, 3, 4, 64, 124, 184]),
      want: [8],
    },
    {
      name: 'two storms far apart',
      events: deaths([0, 1, 2, 3, 4, 1000, 1001, 1002, 1003, 1004, 1005]),
      want: [5, 6],
    },
    {
      name: 'two containers storming at once',
      events: [...deaths([0, 1, 2, 3, 4]), ...deaths([0, 1, 2, 3, 4], 'other')],
      want: [5, 5],
    },
    {
      name: 'the same death exported twice counts once',
      events: [0, 2, 4, 6, 8].flatMap((t) => [
        event('die', t),
        event('die', t, undefined, { runtime: 'podman' }),
      ]),
      want: [5],
    },
  ])('fires: $name', ({ events, want }) => {
    const hits = run(events);
    const counts = hits.map((h) => h.summary.match(/restarted (\d+) times/)?.[1]);
    expect(counts).toEqual(want.map(String));
    const counted = events.filter((e) => e.action === 'die' || e.action === 'restart');
    const evidence = hits.flatMap((h) => h.evidence ?? []);
    expect(evidence.length).toBeLessThanOrEqual(counted.length);
    expect(evidence.length).toBeGreaterThanOrEqual(want.reduce((a, b) => a + b, 0));
  });

  it.each([
    { name: 'four deaths', events: deaths([0, 1, 2, 3]) },
    { name: 'five deaths spread over ten minutes', events: deaths([0, 150, 300, 450, 600]) },
    { name: 'undated deaths', events: deaths([null, null, null, null, null, null]) },
    {
      name: 'other actions',
      events: ['start', 'stop', 'kill', 'exec_die', 'oom'].flatMap((a) =>
        [0, 1, 2, 3, 4, 5].map((t) => event(a, t)),
      ),
    },
    {
      name: 'five containers dying once each',
      events: [0, 1, 2, 3, 4].map((t) => event('die', t, `c${t}`)),
    },
    {
      name: 'no container id',
      events: [0, 1, 2, 3, 4].map((t) => event('die', t, undefined, { container: null })),
    },
  ])('stays quiet: $name', ({ events }) => {
    expect(run(events)).toEqual([]);
  });

  it('says who, how often and with which exit codes, and keys each storm by its start', () => {
    const events = deaths([0, 2, 4, 6, 8, 10]);
    events[5]!.exitCode = 137;
    const [hit] = run(events);
    expect(hit).toMatchObject({
      subject: { containerId: 'e0ead4f4faf2', containerName: 'flaky' },
      summary: 'flaky died or restarted 6 times in 10 s (exit codes: 1, 137)',
      key: '2026-12-03T15:51:48.000Z',
      vars: { count: '6', exitCodes: '1, 137' },
    });
    expect(hit?.evidence).toEqual(events.map((e) => e.source));
  });

  it('takes its threshold and window from options', () => {
    const strict = restartStormRule({ threshold: 3, windowMs: 10_000 });
    expect(run(deaths([0, 4, 8]), strict)).toHaveLength(1);
    expect(run(deaths([0, 6, 12]), strict)).toHaveLength(0);
  });
});

const EVIDENCE = process.env.STOWAWAY_EVIDENCE ?? resolve('../shared/evidence');

describe.skipIf(!existsSync(EVIDENCE))('restart storm on real evidence', () => {
  const read = async (...paths: string[]) => {
    const all: Observation[] = [];
    for (const p of paths) all.push(...(await readPath(join(EVIDENCE, p))).observations);
    return all.sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
  };

  it('finds flaky, and only flaky, once in the lab, from either export or both', async () => {
    for (const files of [
      ['lab/docker-cli/events.ndjson'],
      ['lab/docker-cli/podman_events_file_backend.log'],
      ['lab/docker-cli/events.ndjson', 'lab/docker-cli/podman_events_file_backend.log'],
    ]) {
      const hits = run(await read(...files));
      expect(hits.map((h) => h.summary)).toEqual([
        'flaky died or restarted 6 times in 11 s (exit codes: 1)',
      ]);
    }
  });

  it('stays quiet on the Podman lab, where each container dies once', async () => {
    expect(run(await read('lab/podman/podman_events.json'))).toEqual([]);
  });
});
