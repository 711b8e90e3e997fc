import type { Observation, PodRef } from '../../model/observation.js';
import { obj, str } from '../../util/text.js';
import { parseTime } from '../../util/time.js';
import type { ReadContext } from '../reader.js';
import { eventObservation } from './kube-events.js';
import { containerCount, podConfigs } from './pod-spec.js';
import { POD_KINDS, podShapeOf } from './workloads.js';

/**
 * Kubernetes objects as `kubectl get -o json|yaml` prints them: a Pod, an
 * Event, a workload (its pod template), and lists of them (`List`, whose
 * items name their kind, and typed lists such as `PodList`, whose items
 * from the API often do not). Objects of other kinds (a Node, a Service, a
 * Role) give no observation yet; each is still counted as a record, and
 * tallied by kind so that the input says what was not analyzed.
 * Spec: https://kubernetes.io/docs/reference/using-api/api-concepts/#collections
 */
export interface ObjectTally {
  read: number;
  /** Kinds seen that no reader analyzes, with how many of each. */
  other: Map<string, number>;
}

export function newTally(): ObjectTally {
  return { read: 0, other: new Map() };
}

/** Where a record sits: its line, and the lines of its `items` when known. */
export interface Place {
  line: number;
  itemLine?: (index: number) => number;
}

/**
 * A list inside a list is accepted (a List of PodLists, as a script joining
 * exports may write); anything deeper is refused.
 */
const MAX_LIST_DEPTH = 2;

export function* objectObservations(
  value: unknown,
  place: Place,
  ctx: ReadContext,
  tally: ObjectTally,
  listKind: string | null = null,
  depth = 0,
): Generator<Observation> {
  const object = obj(value);
  const items = Array.isArray(value) ? value : object?.['items'];
  const kind = str(object?.['kind']) ?? listKind;
  if (Array.isArray(items) && (kind === null || kind.endsWith('List'))) {
    if (depth >= MAX_LIST_DEPTH) return ctx.skip(place.line, 'a list nested in a list; skipped');
    const itemKind = kind !== null && kind !== 'List' ? kind.slice(0, -4) : null;
    for (let i = 0; i < items.length; i++) {
      const item = { line: place.itemLine?.(i) ?? place.line };
      yield* objectObservations(items[i], item, ctx, tally, itemKind, depth + 1);
    }
    return;
  }
  if (object === null) return ctx.skip(place.line, 'not a Kubernetes object');
  if (kind === null) return ctx.skip(place.line, 'a Kubernetes object with no kind');
  yield* ofKind(object, kind, place.line, ctx, tally);
}

function* ofKind(
  object: Record<string, unknown>,
  kind: string,
  line: number,
  ctx: ReadContext,
  tally: ObjectTally,
): Generator<Observation> {
  const source = { path: ctx.path, line };
  if (kind === 'Event') {
    const event = eventObservation(object, source);
    if (event === null) return ctx.skip(line, 'an Event with no involvedObject or regarding');
    tally.read += 1;
    ctx.record();
    yield event;
    return;
  }
  if (!POD_KINDS.has(kind)) {
    tally.other.set(kind, (tally.other.get(kind) ?? 0) + 1);
    ctx.record();
    return;
  }
  const shape = podShapeOf(object, kind);
  if (shape === null || containerCount(shape.spec) === 0) {
    return ctx.skip(line, `a ${kind} with no containers in its pod spec`);
  }
  tally.read += 1;
  ctx.record();
  const meta = obj(object['metadata']);
  yield* podConfigs({
    spec: shape.spec,
    metadata: shape.metadata,
    status: shape.status,
    pod: podRef(meta),
    time: parseTime(meta?.['creationTimestamp']),
    source,
    ...(shape.template ? { notes: ['pod-template'] } : {}),
  });
}

/**
 * NOTE: a manifest with no namespace (`podman generate kube` output, a
 * client-side `kubectl create --dry-run`) lands in "default", as
 * `kubectl apply` without -n would place it.
 */
function podRef(meta: Record<string, unknown> | null): PodRef | null {
  const name = str(meta?.['name']) ?? str(meta?.['generateName']);
  if (name === null) return null;
  return { namespace: str(meta?.['namespace']) ?? 'default', name };
}

/** Example: "Node" → "nodes", "NetworkPolicy" → "networkpolicies". */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

/**
 * Objects read but not analyzed, by kind.
 * Example: "Kubernetes objects read but not analyzed yet: 3 nodes, 1 service".
 */
export function notAnalyzedNote(tally: ObjectTally): string {
  const kinds = [...tally.other.keys()].sort();
  const counts = kinds.map((kind) => {
    const n = tally.other.get(kind) ?? 0;
    return `${n} ${n === 1 ? kind.toLowerCase() : pluralOf(kind)}`;
  });
  return `Kubernetes objects read but not analyzed yet: ${counts.join(', ')}`;
}
