import { describe, expect, it } from 'vitest';
import type { LifecycleObservation } from '../../../src/model/observation.js';
import { lifecycle } from '../../helpers/observations.js';
import { runRule } from '../../helpers/rules.js';

const WEB = 'a'.repeat(64);
const PROBE = '/bin/sh -c curl -f http://localhost/ || exit 1';

/** A record of `action` in web at second `s`. */
function at(s: number, action: string, detail: string | null = null): LifecycleObservation {
  const ts = Date.UTC(2026, 0, 2, 10) + s * 1000;
  return lifecycle({
    action,
    detail,
    container: WEB,
    name: 'web',
    ts,
    time: new Date(ts).toISOString(),
    source: { path: 'events.ndjson', line: s + 1 },
  });
}

/** Docker's way with a HEALTHCHECK: exec_create, exec_start, then the status, every `every` s. */
function probes(times: number, every: number, withStatus = true): LifecycleObservation[] {
  return Array.from({ length: times }, (_, i) => [
    at(i * every, 'exec_create', PROBE),
    at(i * every, 'exec_start', PROBE),
    ...(withStatus ? [at(i * every + 1, 'health_status', 'healthy')] : []),
  ]).flat();
}

const commands = (obs: LifecycleObservation[]) =>
  [...new Set(runRule('container-exec', obs).map((h) => h.hit.vars?.['command']))];

describe('health probes', () => {
  it.each([
    ['probes next to health events', probes(4, 30), []],
    ['probes on a steady clock without health events', probes(6, 30, false), []],
    ['one run of the probe command', probes(1, 30), [PROBE]],
    ['two runs, too few to call a habit', probes(2, 30), [PROBE]],
    [
      'runs at an unsteady pace and no health events',
      [0, 7, 50, 51, 300].flatMap((s) => [at(s, 'exec_start', PROBE)]),
      [PROBE],
    ],
  ])('%s', (_, obs, expected) => {
    expect(commands(obs)).toEqual(expected);
  });

  it('still reports a person among the probes', () => {
    const obs = [...probes(4, 30), at(45, 'exec_start', 'sh')];
    expect(commands(obs)).toEqual(['sh']);
  });
});
