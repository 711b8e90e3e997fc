import { describe, expect, it } from 'vitest';
import { ownerChain } from '../../../src/detect/rules/correlation/workload-without-audit.js';
import type { ApiObservation, ConfigObservation } from '../../../src/model/observation.js';
import { api, config } from '../../helpers/observations.js';
import { runRule } from '../../helpers/rules.js';

const at = (time: string) => ({ time, ts: Date.parse(time) });

function pod(name: string, time: string, over: Partial<ConfigObservation> = {}) {
  return config({
    runtime: 'kubernetes',
    pod: { namespace: 'default', name },
    node: 'node-1',
    source: { path: 'pods.json', line: 5 },
    ...at(time),
    ...over,
  });
}

function request(time: string, over: Partial<ApiObservation> = {}) {
  return api({ verb: 'get', name: 'x', ...at(time), ...over });
}

/** An audit log from 10:00 to 11:00 with nothing of interest. */
const SPAN = [request('2026-03-14T10:00:00Z'), request('2026-03-14T11:00:00Z')];

function run(...extra: (ApiObservation | ConfigObservation)[]) {
  return runRule('cross-workload-without-audit', [...SPAN, ...extra]);
}

describe('cross-workload-without-audit', () => {
  it.each([
    { name: 'a pod with no create', obs: [pod('dbg', '2026-03-14T10:30:00Z')], fires: true },
    {
      name: 'a pod created by name',
      obs: [
        request('2026-03-14T10:30:00Z', { verb: 'create', name: 'dbg' }),
        pod('dbg', '2026-03-14T10:30:00Z'),
      ],
      fires: false,
    },
    {
      name: 'a rejected create does not count',
      obs: [
        request('2026-03-14T10:30:00Z', { verb: 'create', name: 'dbg', code: 403 }),
        pod('dbg', '2026-03-14T10:30:00Z'),
      ],
      fires: true,
    },
    {
      name: 'a pod whose Deployment was created',
      obs: [
        request('2026-03-14T10:20:00Z', { verb: 'create', resource: 'deployments', name: 'web' }),
        pod('web-5cdcc99dbf-x2x', '2026-03-14T10:30:00Z', {
          owner: { kind: 'ReplicaSet', name: 'web-5cdcc99dbf' },
        }),
      ],
      fires: false,
    },
    {
      name: 'a controller create with no name, moments before',
      obs: [
        request('2026-03-14T10:29:58Z', { verb: 'create', name: null }),
        pod('web-5cdcc99dbf-x2x', '2026-03-14T10:30:00Z', {
          owner: { kind: 'ReplicaSet', name: 'web-5cdcc99dbf' },
        }),
      ],
      fires: false,
    },
    {
      name: 'a nameless create a minute away',
      obs: [
        request('2026-03-14T10:29:00Z', { verb: 'create', name: null }),
        pod('dbg', '2026-03-14T10:30:00Z'),
      ],
      fires: true,
    },
    { name: 'a pod older than the log', obs: [pod('old', '2026-03-14T09:00:00Z')], fires: false },
    { name: 'a pod newer than the log', obs: [pod('new', '2026-03-14T12:00:00Z')], fires: false },
    {
      name: 'an undated pod',
      obs: [pod('x', '2026-03-14T10:30:00Z', { time: null, ts: null })],
      fires: false,
    },
    {
      name: 'an audited request body is no pod',
      obs: [pod('dbg', '2026-03-14T10:30:00Z', { notes: ['audit-request'] })],
      fires: false,
    },
  ])('$name', ({ obs, fires }) => {
    expect(run(...obs)).toHaveLength(fires ? 1 : 0);
  });

  it('judges a pod once, whatever its container count', () => {
    const hits = run(
      pod('dbg', '2026-03-14T10:30:00Z', { name: 'a' }),
      pod('dbg', '2026-03-14T10:30:00Z', { name: 'b' }),
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.subject).toEqual({ pod: { namespace: 'default', name: 'dbg' } });
  });

  it('needs an audit log to judge by', () => {
    expect(runRule('cross-workload-without-audit', [pod('dbg', '2026-03-14T10:30:00Z')])).toEqual(
      [],
    );
  });

  it.each([
    [
      { kind: 'ReplicaSet', name: 'web-5cdcc99dbf' },
      [
        ['replicasets', 'web-5cdcc99dbf'],
        ['deployments', 'web'],
      ],
    ],
    [
      { kind: 'Job', name: 'backup-28990080' },
      [
        ['jobs', 'backup-28990080'],
        ['cronjobs', 'backup'],
      ],
    ],
    [{ kind: 'DaemonSet', name: 'agent' }, [['daemonsets', 'agent']]],
    [null, []],
  ])('walks the owner chain of %j', (owner, want) => {
    expect(ownerChain(owner)).toEqual(want);
  });
});
