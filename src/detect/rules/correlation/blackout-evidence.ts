import type {
  ApiObservation,
  ConfigObservation,
  LifecycleObservation,
  Observation,
} from '../../../model/observation.js';
import type { Subject } from '../../../model/subject.js';
import type { Source } from '../../../model/source.js';
import { subjectOf } from '../../../model/subject.js';
import { obj } from '../../../util/text.js';
import { configSubject } from '../../describe.js';
import type { Lists } from '../../lists.js';
import { hostPathClass } from '../../host-paths.js';
import { agentMatch } from './shared.js';

/**
 * The two halves the telemetry-blackout rule joins: moments when the
 * watchers went dark, and risky acts. Each reader of one observation says
 * what it saw, or null.
 */

/** Monitoring switched off, from `start` until restored (`end`, null while never restored). */
export interface Blackout {
  what: string;
  start: number;
  end: number | null;
  sources: Source[];
  /** Container or workload whose return ends it. Example: "container:falco". */
  agent: string | null;
}

/** A high-risk act: who did it, and what. */
export interface Activity {
  what: string;
  ts: number;
  time: string;
  subject: Subject;
  source: Source;
  /** The exec record, for an exec: a health probe is no act of anyone's. */
  exec?: LifecycleObservation;
}

/** Runtime actions that take a container out of service. */
const DOWN_ACTIONS = new Set(['stop', 'kill', 'die', 'pause', 'destroy', 'oom']);
/** Actions that bring it back. */
export const UP_ACTIONS = new Set(['start', 'unpause', 'restart']);

/** An agent container stopped, killed or paused. Example: falco killed. */
export function agentDown(obs: LifecycleObservation, lists: Lists): Blackout | null {
  if (!DOWN_ACTIONS.has(obs.action) || obs.ts === null) return null;
  const match = agentMatch(lists, obs.name, obs.image);
  if (match === null) return null;
  const name = obs.name ?? obs.container?.slice(0, 12) ?? match;
  return {
    what: `security agent ${name} ${obs.action === 'die' ? 'died' : `was ${pastOf(obs.action)}`}`,
    start: obs.ts,
    end: null,
    sources: [obs.source],
    agent: `container:${name}`,
  };
}

function pastOf(action: string): string {
  return (
    { stop: 'stopped', kill: 'killed', pause: 'paused', destroy: 'removed', oom: 'OOM-killed' }[
      action
    ] ?? action
  );
}

const WORKLOADS = new Set(['daemonsets', 'deployments', 'statefulsets', 'pods']);

/** An agent workload deleted, or scaled to zero, by a request that succeeded. */
export function agentRemoved(obs: ApiObservation, lists: Lists): Blackout | null {
  if (obs.ts === null || !obs.resource || !WORKLOADS.has(obs.resource)) return null;
  if (obs.code !== null && obs.code >= 400) return null;
  const match = agentMatch(lists, obs.name, obs.namespace);
  if (match === null) return null;
  const target = `${obs.resource} ${obs.namespace ?? ''}/${obs.name ?? '?'}`;
  const agent = `workload:${obs.namespace ?? ''}/${obs.name ?? ''}`;
  if (obs.verb === 'delete') {
    return {
      what: `${target} deleted by ${obs.user ?? '?'}`,
      start: obs.ts,
      end: null,
      sources: [obs.source],
      agent,
    };
  }
  if ((obs.verb === 'patch' || obs.verb === 'update') && scaledToZero(obs)) {
    const what = `${target} scaled to zero by ${obs.user ?? '?'}`;
    return { what, start: obs.ts, end: null, sources: [obs.source], agent };
  }
  return null;
}

/** Example: a patch of deployments/scale with {"spec": {"replicas": 0}}. */
function scaledToZero(obs: ApiObservation): boolean {
  const spec = obj(obs.requestObject)?.['spec'];
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return false;
  const replicas = (spec as Record<string, unknown>)['replicas'];
  return replicas === 0 || replicas === '0';
}

/** Whether the request brings an agent workload back. */
export function agentRestored(obs: ApiObservation, lists: Lists): string | null {
  if (obs.verb !== 'create' || !obs.resource || !WORKLOADS.has(obs.resource)) return null;
  if (obs.code !== null && obs.code >= 400) return null;
  return agentMatch(lists, obs.name, obs.namespace)
    ? `workload:${obs.namespace ?? ''}/${obs.name ?? ''}`
    : null;
}

/** A risky act, whatever the source. */
export function activityOf(obs: Observation, lists: Lists): Activity | null {
  if (obs.ts === null || obs.time === null) return null;
  const base = { ts: obs.ts, time: obs.time, source: obs.source };
  if (obs.kind === 'lifecycle' && obs.action.startsWith('exec')) {
    if (agentMatch(lists, obs.name, obs.image)) return null;
    const name = obs.name ?? obs.container?.slice(0, 12) ?? 'a container';
    const command = obs.detail ? ` (${obs.detail.slice(0, 120)})` : '';
    return { ...base, what: `exec into ${name}${command}`, subject: subjectOf(obs), exec: obs };
  }
  if (obs.kind === 'config') return configActivity(obs, lists, base);
  if (obs.kind === 'api' && obs.verb === 'create' && obs.resource === 'pods') {
    const sub = obs.subresource;
    if ((sub !== 'exec' && sub !== 'attach') || (obs.code !== null && obs.code >= 400)) return null;
    const what = `${obs.user ?? '?'} ran pods/${sub} on ${obs.namespace ?? '?'}/${obs.name ?? '?'}`;
    return { ...base, what, subject: subjectOf(obs) };
  }
  return null;
}

function configActivity(
  obs: ConfigObservation,
  lists: Lists,
  base: Pick<Activity, 'ts' | 'time' | 'source'>,
): Activity | null {
  if (obs.notes?.includes('request-rejected')) return null;
  if (agentMatch(lists, obs.name, obs.image, obs.pod?.name, obs.pod?.namespace)) return null;
  const socket = obs.mounts.some(
    (m) => m.source && m.type !== 'volume' && hostPathClass(m.source, lists) === 'socket',
  );
  if (obs.privileged !== true && !socket) return null;
  const name = obs.pod ? `${obs.pod.namespace}/${obs.pod.name}` : (obs.name ?? 'a container');
  const kind = obs.privileged ? 'privileged container' : 'container with the runtime socket';
  const what = `${kind} ${name}`;
  return { ...base, what, subject: configSubject(obs) };
}
