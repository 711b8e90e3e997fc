import type { ApiObservation, Observation } from '../../../model/observation.js';
import type { Emit, Hit, RuleContext, RuleInstance, RuleLogic } from '../../rule.js';
import {
  activityOf,
  agentDown,
  agentRemoved,
  agentRestored,
  UP_ACTIONS,
  type Activity,
  type Blackout,
} from './blackout-evidence.js';
import { agentMatch, pushCapped } from './shared.js';
import { HealthProbes } from '../runtime/health-probes.js';
import { GAP_JUDGEMENT, gapsIn, PauseStats } from '../kubernetes/workloads/gap-stats.js';

/** Acts this long before an agent went down count: the intruder may act, then clean up. */
const LEAD_MS = 5 * 60_000;
/** NOTE: an agent never seen coming back is taken as down for this long, not for ever. */
const OPEN_MS = 6 * 3600_000;
/** NOTE: bounds on what the rule remembers; beyond them, later records are not joined. */
const MAX_BLACKOUTS = 1000;
const MAX_ACTIVITIES = 10_000;
const MAX_EVIDENCE = 20;

/**
 * Monitoring went dark (a security agent stopped or deleted, a gap in the
 * audit log) while something risky happened (a privileged container, a
 * runtime socket mount, an exec): together they read as cover for the act.
 */
export const crossTelemetryBlackout: RuleLogic = {
  id: 'cross-telemetry-blackout',
  kinds: ['lifecycle', 'api', 'config'],
  create: (ctx) => new TelemetryBlackout(ctx),
};

class TelemetryBlackout implements RuleInstance {
  private readonly blackouts: Blackout[] = [];
  private readonly open = new Map<string, Blackout>();
  private readonly activities: Activity[] = [];
  /** The pauses of each audit file and its last dated request, for gaps. */
  private readonly audit = new Map<string, { last: ApiObservation; pauses: PauseStats }>();

  private readonly probes = new HealthProbes();

  constructor(private readonly ctx: RuleContext) {}

  observe(obs: Observation): void {
    const lists = this.ctx.settings.lists;
    if (obs.kind === 'lifecycle') {
      this.probes.observe(obs);
      this.track(agentDown(obs, lists));
      if (UP_ACTIONS.has(obs.action) && obs.ts !== null && agentMatch(lists, obs.name, obs.image)) {
        this.restore(`container:${obs.name ?? obs.container?.slice(0, 12)}`, obs.ts);
      }
    } else if (obs.kind === 'api') {
      this.auditGap(obs);
      this.track(agentRemoved(obs, lists));
      const back = agentRestored(obs, lists);
      if (back !== null && obs.ts !== null) this.restore(back, obs.ts);
    }
    const act = activityOf(obs, lists);
    if (act !== null) pushCapped(this.activities, act, MAX_ACTIVITIES);
  }

  finish(emit: Emit): void {
    this.auditGaps();
    for (const blackout of this.blackouts) {
      const bySubject = new Map<string, Activity[]>();
      for (const act of this.activities) {
        if (!during(blackout, act.ts) || (act.exec && this.probes.isProbe(act.exec))) continue;
        const id = JSON.stringify(act.subject);
        const acts = bySubject.get(id) ?? [];
        acts.push(act);
        bySubject.set(id, acts);
      }
      for (const acts of bySubject.values()) emit(hitFor(blackout, acts));
    }
  }

  private track(blackout: Blackout | null): void {
    if (blackout === null) return;
    const already = blackout.agent ? this.open.get(blackout.agent) : undefined;
    if (already) {
      if (already.sources.length < MAX_EVIDENCE) already.sources.push(...blackout.sources);
      return;
    }
    if (!pushCapped(this.blackouts, blackout, MAX_BLACKOUTS)) return;
    if (blackout.agent) this.open.set(blackout.agent, blackout);
  }

  private restore(agent: string, ts: number): void {
    const blackout = this.open.get(agent);
    if (!blackout) return;
    blackout.end = ts;
    this.open.delete(agent);
  }

  /** Records the pause before each request of an audit file, as the audit-gap rule does. */
  private auditGap(obs: ApiObservation): void {
    if (obs.ts === null) return;
    const file = this.audit.get(obs.source.path);
    if (file === undefined) {
      this.audit.set(obs.source.path, { last: obs, pauses: new PauseStats() });
      return;
    }
    const last = file.last;
    if (obs.ts < last.ts!) return;
    const ms = obs.ts - last.ts!;
    file.pauses.add({
      ms,
      fromTime: last.time,
      toTime: obs.time,
      from: last.source,
      to: obs.source,
    });
    file.last = obs;
  }

  /** The gaps of every audit file, judged like the audit-gap rule judges them. */
  private auditGaps(): void {
    for (const [path, file] of this.audit) {
      for (const gap of gapsIn(file.pauses, GAP_JUDGEMENT).gaps) {
        const minutes = Math.round(gap.ms / 60_000);
        this.track({
          what: `the audit log ${path} is silent for ${minutes} min`,
          start: Date.parse(gap.fromTime!),
          end: Date.parse(gap.toTime!),
          sources: [gap.from, gap.to],
          agent: null,
        });
      }
    }
  }
}

/**
 * Whether an act falls in the blackout. An agent's counts from a little
 * before it went down; a gap's is strictly between the last request before
 * it and the first after, which the audit log itself saw.
 */
function during(blackout: Blackout, ts: number): boolean {
  const to = blackout.end ?? blackout.start + OPEN_MS;
  if (blackout.agent === null) return ts > blackout.start && ts < to;
  return ts >= blackout.start - LEAD_MS && ts <= to;
}

/** One finding per blackout and subject, naming the subject's acts in it (the first speaks). */
function hitFor(blackout: Blackout, acts: Activity[]): Hit {
  const first = acts[0]!;
  const evidence = [...blackout.sources];
  for (const a of acts) if (evidence.length < MAX_EVIDENCE) evidence.push(a.source);
  const until = blackout.end === null ? 'not seen restored' : `until ${iso(blackout.end)}`;
  const more = acts.length > 1 ? ` and ${acts.length - 1} more` : '';
  return {
    subject: first.subject,
    summary:
      `${first.what}${more} at ${first.time} while ${blackout.what} ` +
      `(${iso(blackout.start)}, ${until})`,
    evidence,
    time: first.time,
    key: `${blackout.start}|${blackout.what}`,
    vars: { activity: first.what, blackout: blackout.what, since: iso(blackout.start) },
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
