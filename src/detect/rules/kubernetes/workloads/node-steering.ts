import { arr, obj, str, strings } from '../../../../util/text.js';

/**
 * How a pod template keeps its pods to some nodes only: a nodeSelector, a
 * required node affinity, a required pod affinity. Pointing an agent's
 * DaemonSet at a label no node has stops it everywhere while the object
 * stays in place and looks healthy (desired 0, ready 0).
 * Spec: https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/
 * Example: { how: "given a nodeSelector", detail: "kubernetes.io/hostname=nope" }.
 */
export interface Steering {
  how: string;
  detail: string;
}

/**
 * Well-known labels every node carries, with the values a real cluster has:
 * an agent limited to Linux or to amd64 nodes still runs. Fixed by
 * Kubernetes (https://kubernetes.io/docs/reference/labels-annotations-taints/).
 * NOTE: a selector of an operating system the cluster lacks ("windows" on
 * an all-Linux cluster) also runs nowhere; the log does not say which nodes
 * exist, so it passes.
 */
const OS = new Set(['linux', 'windows']);
const ARCH = new Set(['amd64', 'arm64', 'arm', 'ppc64le', 's390x']);
const BROAD: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['kubernetes.io/os', OS],
  ['beta.kubernetes.io/os', OS],
  ['kubernetes.io/arch', ARCH],
  ['beta.kubernetes.io/arch', ARCH],
]);

const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';

/** The first way the pod spec narrows where it runs, or null when it runs on any node. */
export function steeringOf(pod: Record<string, unknown> | null): Steering | null {
  if (pod === null) return null;
  const selector = narrowSelector(obj(pod['nodeSelector']));
  if (selector !== null) return { how: 'given a nodeSelector', detail: selector };
  const affinity = obj(pod['affinity']);
  const node = narrowNodeAffinity(obj(obj(affinity?.['nodeAffinity'])?.[REQUIRED]));
  if (node !== null) return { how: 'given a node affinity', detail: node };
  const pods = arr(obj(affinity?.['podAffinity'])?.[REQUIRED]).map(obj);
  const first = pods.find((term) => term !== null);
  if (first) return { how: 'given a pod affinity', detail: podTermText(first) };
  return null;
}

/**
 * The first label pair outside the broad ones. A merge patch removes a label
 * with null, which narrows nothing. Example: {"kubernetes.io/os":"linux",
 * "disk":"none"} → "disk=none".
 */
function narrowSelector(selector: Record<string, unknown> | null): string | null {
  if (selector === null) return null;
  for (const [key, raw] of Object.entries(selector)) {
    if (raw === null || raw === undefined) continue;
    const value = typeof raw === 'string' ? raw : JSON.stringify(raw);
    if (!BROAD.get(key)?.has(value)) return `${key}=${value}`;
  }
  return null;
}

/**
 * Required node affinity narrows when every term does (terms are ORed); a
 * term narrows when it names nodes (matchFields), requires a label outside
 * the broad ones (In, Exists, Gt, Lt), or is empty, which matches no node.
 * NotIn and DoesNotExist only exclude. Example: nodeSelectorTerms
 * [{"matchExpressions":[{"key":"role","operator":"In","values":["none"]}]}].
 */
function narrowNodeAffinity(required: Record<string, unknown> | null): string | null {
  const terms = arr(required?.['nodeSelectorTerms']).map(obj);
  if (terms.length === 0) return null;
  let first: string | null = null;
  for (const term of terms) {
    const text = narrowTerm(term);
    if (text === null) return null;
    first ??= text;
  }
  return first;
}

function narrowTerm(term: Record<string, unknown> | null): string | null {
  const fields = arr(term?.['matchFields']).map(obj);
  const exprs = arr(term?.['matchExpressions']).map(obj);
  if (fields.length === 0 && exprs.length === 0) return 'an empty term (matches no node)';
  for (const f of fields) {
    if (f !== null) return expressionText(f);
  }
  for (const e of exprs) {
    if (e !== null && narrows(e)) return expressionText(e);
  }
  return null;
}

function narrows(expr: Record<string, unknown>): boolean {
  const op = str(expr['operator']);
  if (op === 'NotIn' || op === 'DoesNotExist') return false;
  const broad = BROAD.get(str(expr['key']) ?? '');
  if (broad === undefined) return true;
  const values = strings(expr['values']);
  return op === 'In' ? values.length === 0 || values.some((v) => !broad.has(v)) : false;
}

/** Example: "role In [none]". */
function expressionText(expr: Record<string, unknown>): string {
  const values = strings(expr['values']);
  const key = str(expr['key']) ?? '?';
  const op = str(expr['operator']) ?? '?';
  return values.length > 0 ? `${key} ${op} [${values.join(', ')}]` : `${key} ${op}`;
}

/** Example: "topologyKey kubernetes.io/hostname". */
function podTermText(term: Record<string, unknown>): string {
  const labels = obj(obj(term['labelSelector'])?.['matchLabels']);
  const shown = labels === null ? '' : `${narrowSelector(labels) ?? ''} `;
  return `${shown}topologyKey ${str(term['topologyKey']) ?? '?'}`.trim();
}
