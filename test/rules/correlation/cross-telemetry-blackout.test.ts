import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../src/model/observation.js';
import { api, config, lifecycle } from '../../helpers/observations.js';
import { runRule } from '../../helpers/rules.js';

const at = (time: string) => ({ time, ts: Date.parse(time) });
const agent = (action: string, time: string) =>
  lifecycle({
    action,
    name: 'falco',
    image: 'falcosecurity/falco:0.39',
    container: 'a'.repeat(64),
    ...at(time),
  });
const execWeb = (time: string) =>
  lifecycle({ action: 'exec_start', name: 'web', detail: 'sh', ...at(time) });

function run(obs: Observation[]) {
  return runRule('cross-telemetry-blackout', obs);
}

describe('cross-telemetry-blackout', () => {
  it.each<{ name: string; obs: Observation[]; fires: number }>([
    {
      name: 'exec after the agent was killed',
      obs: [agent('kill', '2026-03-14T10:00:00Z'), execWeb('2026-03-14T10:03:00Z')],
      fires: 1,
    },
    {
      name: 'exec just before the agent went down',
      obs: [execWeb('2026-03-14T09:58:00Z'), agent('stop', '2026-03-14T10:00:00Z')],
      fires: 1,
    },
    {
      name: 'exec after the agent came back',
      obs: [
        agent('stop', '2026-03-14T10:00:00Z'),
        agent('start', '2026-03-14T10:01:00Z'),
        execWeb('2026-03-14T10:03:00Z'),
      ],
      fires: 0,
    },
    {
      name: 'exec long after an agent never restored',
      obs: [agent('die', '2026-03-14T10:00:00Z'), execWeb('2026-03-14T17:00:00Z')],
      fires: 0,
    },
    { name: 'exec with every agent up', obs: [execWeb('2026-03-14T10:03:00Z')], fires: 0 },
    {
      name: 'privileged container while the agent DaemonSet is deleted',
      obs: [
        api({
          verb: 'delete',
          resource: 'daemonsets',
          namespace: 'falco',
          name: 'falco',
          code: 200,
          ...at('2026-03-14T10:00:00Z'),
        }),
        config({ privileged: true, name: 'dbg', ...at('2026-03-14T10:10:00Z') }),
      ],
      fires: 1,
    },
    {
      name: 'a rejected delete blinds nothing',
      obs: [
        api({
          verb: 'delete',
          resource: 'daemonsets',
          namespace: 'falco',
          name: 'falco',
          code: 403,
          ...at('2026-03-14T10:00:00Z'),
        }),
        config({ privileged: true, name: 'dbg', ...at('2026-03-14T10:10:00Z') }),
      ],
      fires: 0,
    },
    {
      name: 'agent Deployment scaled to zero',
      obs: [
        api({
          verb: 'patch',
          resource: 'deployments',
          subresource: 'scale',
          namespace: 'monitoring',
          name: 'fluent-bit',
          requestObject: { spec: { replicas: 0 } },
          code: 200,
          ...at('2026-03-14T10:00:00Z'),
        }),
        execWeb('2026-03-14T10:02:00Z'),
      ],
      fires: 1,
    },
    {
      name: 'exec inside a silence of a busy audit log',
      obs: [
        ...busyAudit('2026-03-14T09:50:00Z', 120),
        execWeb('2026-03-14T10:20:00Z'),
        api({ verb: 'get', ...at('2026-03-14T10:40:00Z') }),
      ],
      fires: 1,
    },
    {
      name: 'a silence in a sparse extract of an audit log is no gap',
      obs: [
        api({ verb: 'get', ...at('2026-03-14T10:00:00Z') }),
        execWeb('2026-03-14T10:20:00Z'),
        api({ verb: 'get', ...at('2026-03-14T10:40:00Z') }),
      ],
      fires: 0,
    },
    {
      name: 'a short pause in the audit log',
      obs: [
        api({ verb: 'get', ...at('2026-03-14T10:00:00Z') }),
        execWeb('2026-03-14T10:05:00Z'),
        api({ verb: 'get', ...at('2026-03-14T10:10:00Z') }),
      ],
      fires: 0,
    },
    {
      name: 'two audit files hours apart are no gap',
      obs: [
        api({ verb: 'get', source: { path: 'a.log', line: 1 }, ...at('2026-03-14T10:00:00Z') }),
        execWeb('2026-03-14T12:00:00Z'),
        api({ verb: 'get', source: { path: 'b.log', line: 1 }, ...at('2026-03-14T14:00:00Z') }),
      ],
      fires: 0,
    },
    {
      name: 'the agent restarting privileged is not the act',
      obs: [
        agent('stop', '2026-03-14T10:00:00Z'),
        config({
          privileged: true,
          name: 'falco',
          image: 'falcosecurity/falco:0.39',
          ...at('2026-03-14T10:01:00Z'),
        }),
      ],
      fires: 0,
    },
  ])('$name', ({ obs, fires }) => {
    expect(run(obs)).toHaveLength(fires);
  });

  it('joins the stop, kill and die of one shutdown, and every act of one container', () => {
    const hits = run([
      agent('kill', '2026-03-14T10:00:00Z'),
      agent('die', '2026-03-14T10:00:00Z'),
      agent('stop', '2026-03-14T10:00:01Z'),
      execWeb('2026-03-14T10:03:00Z'),
      execWeb('2026-03-14T10:04:00Z'),
    ]);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.evidence).toHaveLength(5);
    expect(hits[0]!.hit.summary).toContain('and 1 more');
    expect(hits[0]!.card.severity).toBe('critical');
  });

  it('bounds what it remembers', () => {
    const obs: Observation[] = [agent('kill', '2026-03-14T10:00:00Z')];
    for (let i = 0; i < 12_000; i++) {
      const time = new Date(Date.parse('2026-03-14T10:01:00Z') + i).toISOString();
      // Each command its own, so that no run of them looks like a health probe.
      obs.push({ ...execWeb(time), detail: `sh -c 'step ${i}'` });
    }
    const hits = run(obs);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.evidence!.length).toBeLessThanOrEqual(20);
  });
});

/** A live API server's log: a request every 5 s from `start`. */
function busyAudit(start: string, count: number) {
  const t0 = Date.parse(start);
  return Array.from({ length: count }, (_, i) =>
    api({ verb: 'get', ...at(new Date(t0 + i * 5000).toISOString()) }),
  );
}

describe('cross-telemetry-blackout and health probes', () => {
  it('does not count a container health probe as an act during the blackout', () => {
    const probe = (s: number) => [
      lifecycle({
        ...execWeb(new Date(Date.parse('2026-03-14T10:00:00Z') + s * 1000).toISOString()),
        detail: 'curl -f http://localhost/',
      }),
      lifecycle({
        action: 'health_status',
        name: 'web',
        detail: 'healthy',
        ...at(new Date(Date.parse('2026-03-14T10:00:01Z') + s * 1000).toISOString()),
      }),
    ];
    const obs = [agent('kill', '2026-03-14T10:00:00Z'), ...[0, 30, 60, 90, 120].flatMap(probe)];
    expect(run(obs)).toEqual([]);
  });
});
