import type {
  ConfigObservation,
  LifecycleObservation,
  PodRef,
} from '../../../model/observation.js';
import type { Source } from '../../../model/source.js';
import type { Lists } from '../../lists.js';

/**
 * What the cross-source rules share: which configs are a cluster's own
 * record of a pod, how a pod is keyed, and bounded collections, since these
 * rules hold state for the whole run.
 */

/** Example: "kube-system/kube-proxy-x9z2k". */
export function podKey(pod: PodRef): string {
  return `${pod.namespace}/${pod.name}`;
}

/**
 * A pod as the cluster reported it: a kubectl export of a scheduled pod.
 * Manifests that never ran (`podman generate kube`, `kubectl create
 * --dry-run`) name no node; workload templates and audited request bodies
 * are what someone asked for, not what ran.
 */
export function isClusterPod(obs: ConfigObservation): boolean {
  if (obs.runtime !== 'kubernetes' || !obs.pod || !obs.node) return false;
  const notes = obs.notes ?? [];
  return !notes.includes('audit-request') && !notes.includes('pod-template');
}

/** A container as a node's own runtime reported it (docker or podman inspect, ps). */
export function isNodeContainer(obs: ConfigObservation | LifecycleObservation): boolean {
  return obs.runtime === 'docker' || obs.runtime === 'podman';
}

/** Container IDs compare on their first 12 hex digits, as the CLIs print them. */
export function shortId(id: string | null): string | null {
  return id === null ? null : id.toLowerCase().slice(0, 12);
}

/** A map that stops taking new keys at a cap, so that hostile input cannot grow it. */
export class CappedMap<V> extends Map<string, V> {
  constructor(private readonly cap: number) {
    super();
  }

  /** Adds the key only while below the cap; returns the value stored, if any. */
  offer(key: string, make: () => V): V | undefined {
    const found = this.get(key);
    if (found !== undefined || this.size >= this.cap) return found;
    const value = make();
    this.set(key, value);
    return value;
  }
}

/** Appends while below the cap. Returns whether it was kept. */
export function pushCapped<T>(list: T[], item: T, cap: number): boolean {
  if (list.length >= cap) return false;
  list.push(item);
  return true;
}

/** Sources of evidence, without repeats, at most `cap`. */
export function addSource(list: Source[], source: Source, cap = 20): void {
  if (list.length >= cap) return;
  const same = list.some(
    (s) => s.path === source.path && s.line === source.line && s.member === source.member,
  );
  if (!same) list.push(source);
}

/**
 * What the security-agents list finds in the first text that matches, or null.
 * Example: ("falco", "falcosecurity/falco:0.39") gives "falco".
 */
export function agentMatch(lists: Lists, ...texts: (string | null | undefined)[]): string | null {
  for (const text of texts) {
    if (!text) continue;
    const hit = lists.search('security-agents', text.slice(0, 512));
    if (hit !== null) return hit;
  }
  return null;
}
