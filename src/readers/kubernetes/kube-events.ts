import type { LifecycleObservation, PodRef } from '../../model/observation.js';
import type { Source } from '../../model/source.js';
import { num, obj, str } from '../../util/text.js';
import { parseTime, type Instant } from '../../util/time.js';
import { POD_KINDS } from './workloads.js';

/**
 * NOTE: evidence strings are cut to this length before a pattern runs over
 * them, so that a hostile megabyte-long reason cannot make matching slow.
 * Real reasons and field paths are far shorter.
 */
const MAX_MATCHED = 256;

/**
 * Kubernetes Events (core/v1, as `kubectl get events -o json` prints them,
 * and events.k8s.io/v1) as `lifecycle` observations of the object they are
 * about. The kubelet folds repeats into one Event with a count, so each
 * carries its count and its first and last sightings.
 * Spec: https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/
 * Example: reason "BackOff", message "Back-off restarting failed container
 * web", series {count: 12, lastObservedTime: "2024-03-01T10:41:30.500000Z"}.
 */
export function eventObservation(
  event: Record<string, unknown>,
  source: Source,
): LifecycleObservation | null {
  const about = obj(event['involvedObject']) ?? obj(event['regarding']);
  if (about === null) return null;
  const last = lastSeen(event);
  const first = firstSeen(event);
  const notes = [...aboutNote(about), ...verbatimNotes(event)];
  return {
    kind: 'lifecycle',
    time: last?.iso ?? null,
    ts: last?.ms ?? null,
    source,
    ...(notes.length > 0 ? { notes } : {}),
    runtime: 'kubernetes',
    container: null,
    name: containerName(about),
    image: null,
    pod: podOf(about),
    action: actionOf(str(event['reason'])),
    detail: str(event['message']) ?? str(event['note']),
    exitCode: null,
    count: countOf(event),
    firstTime: first?.iso ?? null,
  };
}

/**
 * The last sighting: a series' last observation, else the legacy
 * lastTimestamp, else eventTime, else the first sighting. Any of them may
 * be null (scheduler events carry only eventTime).
 */
function lastSeen(event: Record<string, unknown>): Instant | null {
  return (
    parseTime(obj(event['series'])?.['lastObservedTime']) ??
    parseTime(event['lastTimestamp']) ??
    parseTime(event['deprecatedLastTimestamp']) ??
    parseTime(event['eventTime']) ??
    firstSeen(event)
  );
}

function firstSeen(event: Record<string, unknown>): Instant | null {
  return (
    parseTime(event['firstTimestamp']) ??
    parseTime(event['deprecatedFirstTimestamp']) ??
    parseTime(event['eventTime']) ??
    parseTime(obj(event['metadata'])?.['creationTimestamp'])
  );
}

function countOf(event: Record<string, unknown>): number {
  const count =
    num(obj(event['series'])?.['count']) ?? num(event['count']) ?? num(event['deprecatedCount']);
  return count !== null && count >= 1 ? Math.floor(count) : 1;
}

/** A pod, or a workload standing for the pods it runs. */
function podOf(about: Record<string, unknown>): PodRef | null {
  const kind = str(about['kind']);
  const name = str(about['name']);
  if (kind === null || name === null || !POD_KINDS.has(kind)) return null;
  return { namespace: str(about['namespace']) ?? 'default', name };
}

/** Example: fieldPath "spec.containers{web}" → "web"; also initContainers{…}. */
function containerName(about: Record<string, unknown>): string | null {
  const path = str(about['fieldPath'])?.slice(0, MAX_MATCHED) ?? null;
  const m = path === null ? null : /[cC]ontainers\{([^}]+)\}/.exec(path);
  return m ? m[1]! : null;
}

/** Says what a non-pod event is about. Example: "involved:Node/k3d-server-0". */
function aboutNote(about: Record<string, unknown>): string[] {
  const kind = str(about['kind']);
  if (kind !== null && POD_KINDS.has(kind)) return kind === 'Pod' ? [] : [`involved:${kind}`];
  return [`involved:${kind ?? '?'}/${str(about['name']) ?? '?'}`];
}

/**
 * The event's type and its reason as the source wrote them, since `action`
 * is the reason translated. Example: ["type:Warning", "reason:BackOff"].
 */
function verbatimNotes(event: Record<string, unknown>): string[] {
  const notes: string[] = [];
  const type = str(event['type']);
  const reason = str(event['reason']);
  if (type !== null) notes.push(`type:${type.slice(0, MAX_MATCHED)}`);
  if (reason !== null) notes.push(`reason:${reason.slice(0, MAX_MATCHED)}`);
  return notes;
}

/** Kubelet and controller reasons in the verbs the other runtimes use. */
const ACTIONS: ReadonlyMap<string, string> = new Map([
  ['Scheduled', 'schedule'],
  ['Pulling', 'pulling'],
  ['Pulled', 'pull'],
  ['Created', 'create'],
  ['Started', 'start'],
  ['Killing', 'kill'],
  ['Preempting', 'preempt'],
  ['BackOff', 'backoff'],
  ['Failed', 'fail'],
  ['Unhealthy', 'unhealthy'],
  ['Evicted', 'evict'],
  ['OOMKilling', 'oom-kill'],
]);

/**
 * Example: "Killing" → "kill"; an unlisted reason goes to kebab case,
 * "FailedScheduling" → "failed-scheduling", "SandboxChanged" → "sandbox-changed".
 */
export function actionOf(reason: string | null): string {
  if (reason === null) return 'unknown';
  const known = ACTIONS.get(reason);
  if (known !== undefined) return known;
  return reason
    .slice(0, MAX_MATCHED)
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}
