import type { ApiObservation, ConfigObservation, Observation } from '../../../model/observation.js';
import { str, obj } from '../../../util/text.js';
import type { Emit, RuleInstance, RuleLogic } from '../../rule.js';
import { CappedMap, isClusterPod, podKey, pushCapped } from './shared.js';

/** Resources whose create request accounts for a pod: the pod itself or a controller. */
const CREATORS = new Set([
  'pods',
  'replicasets',
  'deployments',
  'daemonsets',
  'statefulsets',
  'jobs',
  'cronjobs',
  'replicationcontrollers',
]);

/**
 * A pod created by a controller gets its name from the API server, so a
 * Metadata-level audit entry names no pod. Such a create in the pod's
 * namespace this close to its creationTimestamp accounts for it; both times
 * come from the API server's clock.
 */
const NAMELESS_MATCH_MS = 5_000;

/** NOTE: bounds on what the rule remembers; beyond them, later records are not judged. */
const MAX_CREATES = 200_000;
const MAX_PODS = 20_000;

interface Candidate {
  obs: ConfigObservation;
  ts: number;
}

/**
 * Pods the cluster has whose creation falls inside the audit log's time
 * span, yet no create request for them or for their owner is logged: made
 * by writing a static pod manifest on a node, or while auditing was off.
 */
export const crossWorkloadWithoutAudit: RuleLogic = {
  id: 'cross-workload-without-audit',
  kinds: ['api', 'config'],
  create: () => new MissingTrail(),
};

class MissingTrail implements RuleInstance {
  private first: number | null = null;
  private last: number | null = null;
  private readonly named = new Set<string>();
  private readonly nameless: { namespace: string; ts: number; prefix: string | null }[] = [];
  private readonly pods = new CappedMap<Candidate>(MAX_PODS);

  observe(obs: Observation): void {
    if (obs.kind === 'api') return this.request(obs);
    if (obs.kind !== 'config' || !isClusterPod(obs) || obs.ts === null) return;
    // Every container of a pod repeats the pod; the pod is judged once.
    this.pods.offer(podKey(obs.pod!), () => ({ obs, ts: obs.ts! }));
  }

  finish(emit: Emit): void {
    if (this.first === null || this.last === null || this.first === this.last) return;
    for (const { obs, ts } of this.pods.values()) {
      if (ts < this.first || ts > this.last || this.accounted(obs, ts)) continue;
      emit(this.hitFor(obs), obs);
    }
  }

  private request(obs: ApiObservation): void {
    if (obs.ts !== null) {
      this.first = this.first === null ? obs.ts : Math.min(this.first, obs.ts);
      this.last = this.last === null ? obs.ts : Math.max(this.last, obs.ts);
    }
    if (obs.verb !== 'create' || !obs.resource || !CREATORS.has(obs.resource)) return;
    if (obs.subresource || (obs.code !== null && obs.code >= 400)) return;
    const namespace = obs.namespace ?? 'default';
    if (obs.name) {
      if (this.named.size < MAX_CREATES) this.named.add(`${obs.resource}:${namespace}/${obs.name}`);
      return;
    }
    const meta = obj(obj(obs.responseObject)?.metadata) ?? obj(obj(obs.requestObject)?.metadata);
    const name = str(meta?.name);
    if (name !== null && this.named.size < MAX_CREATES) {
      this.named.add(`${obs.resource}:${namespace}/${name}`);
    }
    if (obs.resource === 'pods' && obs.ts !== null) {
      pushCapped(
        this.nameless,
        { namespace, ts: obs.ts, prefix: str(meta?.generateName) },
        MAX_CREATES,
      );
    }
  }

  /** Whether a logged create explains the pod: its own, its owner's, or a nameless one then. */
  private accounted(obs: ConfigObservation, ts: number): boolean {
    const pod = obs.pod!;
    if (this.named.has(`pods:${podKey(pod)}`)) return true;
    for (const [resource, name] of ownerChain(obs.owner ?? null)) {
      if (this.named.has(`${resource}:${pod.namespace}/${name}`)) return true;
    }
    return this.nameless.some(
      (c) =>
        c.namespace === pod.namespace &&
        Math.abs(c.ts - ts) <= NAMELESS_MATCH_MS &&
        (c.prefix === null || pod.name.startsWith(c.prefix)),
    );
  }

  private hitFor(obs: ConfigObservation) {
    const pod = obs.pod!;
    const owner = obs.owner ? ` or its owner ${obs.owner.kind} ${obs.owner.name}` : '';
    const span = `${iso(this.first!)} to ${iso(this.last!)}`;
    return {
      subject: { pod },
      summary:
        `pod ${podKey(pod)} was created at ${obs.time} on node ${obs.node}, inside the audit ` +
        `log's span (${span}), but no create request for it${owner} was logged`,
      key: 'no-audit-trail',
      vars: {
        pod: pod.name,
        namespace: pod.namespace,
        node: obs.node ?? 'its node',
        kubectl: `kubectl get pod ${pod.name} -n ${pod.namespace} -o yaml`,
      },
    };
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The creates that would account for a pod's owner, up the usual chain.
 * Example: ReplicaSet "web-5cdcc99dbf" → replicasets web-5cdcc99dbf, deployments web;
 * Job "backup-28990080" → jobs backup-28990080, cronjobs backup.
 */
export function ownerChain(owner: { kind: string; name: string } | null): [string, string][] {
  if (owner === null) return [];
  const own: [string, string] = [`${owner.kind.toLowerCase()}s`, owner.name];
  const cut = owner.name.lastIndexOf('-');
  const parent = cut > 0 ? owner.name.slice(0, cut) : null;
  if (parent === null) return [own];
  if (owner.kind === 'ReplicaSet') return [own, ['deployments', parent]];
  if (owner.kind === 'Job') return [own, ['cronjobs', parent]];
  return [own];
}
