import type {
  ConfigObservation,
  LifecycleObservation,
  Observation,
  PodRef,
} from '../../../model/observation.js';
import type { Source } from '../../../model/source.js';
import type { Emit, Hit, RuleInstance, RuleLogic } from '../../rule.js';
import { addSource, CappedMap, isClusterPod, isNodeContainer, podKey, shortId } from './shared.js';

/**
 * NOTE: a run with more node containers than this judges the first ones
 * only; a node rarely runs more than a few hundred.
 */
const MAX_CONTAINERS = 5000;
const MAX_PODS = 50_000;

/** A container the node's runtime reported, and the pod it claims to belong to. */
interface NodeContainer {
  id: string | null;
  name: string | null;
  image: string | null;
  /** From io.kubernetes.pod.* labels or a kubelet-style name; null when it claims none. */
  claimed: PodRef | null;
  how: 'labels' | 'name' | null;
  first: Observation;
  evidence: Source[];
}

/**
 * The kubelet names Docker containers k8s_<container>_<pod>_<namespace>_<uid>_<attempt>
 * (dockershim, cri-dockerd). Example: "k8s_POD_web-1_default_3f6c…_0".
 */
const KUBELET_NAME = /^k8s_[^_]+_([^_]+)_([^_]+)_[^_]+_\d+$/;

export function podFromKubeletName(name: string | null): PodRef | null {
  const m = name === null ? null : KUBELET_NAME.exec(name);
  return m ? { namespace: m[2]!, name: m[1]! } : null;
}

/**
 * Containers on a node that no pod of the cluster owns: started with the
 * runtime's own CLI behind the kubelet's back, or dressed up with
 * io.kubernetes labels or a k8s_ name for a pod the cluster does not have.
 * Judged only when the run holds a kubectl export of scheduled pods.
 */
export const crossShadowContainer: RuleLogic = {
  id: 'cross-shadow-container',
  kinds: ['config', 'lifecycle'],
  create: () => new ShadowContainers(),
};

class ShadowContainers implements RuleInstance {
  private readonly pods = new Set<string>();
  private readonly podContainerIds = new Set<string>();
  private readonly containers = new CappedMap<NodeContainer>(MAX_CONTAINERS);

  observe(obs: Observation): void {
    if (obs.kind === 'config' && isClusterPod(obs)) return this.clusterPod(obs);
    if (obs.kind !== 'config' && obs.kind !== 'lifecycle') return;
    if (!isNodeContainer(obs)) return;
    // A lifecycle record only counts when it brings a container into being.
    if (obs.kind === 'lifecycle' && obs.action !== 'create' && obs.action !== 'start') return;
    this.nodeContainer(obs);
  }

  finish(emit: Emit): void {
    if (this.pods.size === 0) return;
    const shadows = [...this.containers.values()].filter((c) => !this.owned(c));
    // The runtime export is a node's when some of its containers are the cluster's pods;
    // otherwise it may come from another host, and an unclaimed container is only a lead.
    const onNode = shadows.length < this.containers.size;
    for (const c of shadows) emit(hitFor(c, onNode), c.first);
  }

  private owned(c: NodeContainer): boolean {
    const id = shortId(c.id);
    if (id !== null && this.podContainerIds.has(id)) return true;
    return c.claimed !== null && this.pods.has(podKey(c.claimed));
  }

  private clusterPod(obs: ConfigObservation): void {
    if (this.pods.size < MAX_PODS) this.pods.add(podKey(obs.pod!));
    const id = shortId(obs.container);
    if (id !== null && this.podContainerIds.size < MAX_PODS) this.podContainerIds.add(id);
  }

  private nodeContainer(obs: ConfigObservation | LifecycleObservation): void {
    const key = shortId(obs.container) ?? (obs.name ? `name:${obs.name}` : null);
    if (key === null) return;
    const fromName = podFromKubeletName(obs.name);
    const entry = this.containers.offer(key, () => ({
      id: obs.container,
      name: obs.name,
      image: obs.image,
      claimed: obs.pod ?? fromName,
      how: obs.pod ? 'labels' : fromName ? 'name' : null,
      first: obs,
      evidence: [],
    }));
    if (!entry) return;
    entry.name ??= obs.name;
    entry.image ??= obs.image;
    if (!entry.claimed && (obs.pod || fromName)) {
      entry.claimed = obs.pod ?? fromName;
      entry.how = obs.pod ? 'labels' : 'name';
    }
    addSource(entry.evidence, obs.source);
  }
}

function how(c: NodeContainer): string {
  return c.how === 'labels' ? 'io.kubernetes labels' : 'k8s_ name';
}

function hitFor(c: NodeContainer, onNode: boolean): Hit {
  const label = c.name ?? c.id?.slice(0, 12) ?? 'a container';
  const image = c.image ? ` (image ${c.image})` : '';
  const claim = c.claimed
    ? `claims pod ${podKey(c.claimed)} by its ${how(c)}, ` +
      'which the kubectl export does not have'
    : 'belongs to no pod of the kubectl export';
  const where = c.claimed || onNode ? 'runs on the node' : 'runs beside the cluster';
  const unproven = !c.claimed && !onNode;
  return {
    subject: { containerId: c.id, containerName: c.name },
    summary:
      `${label}${image} ${where} but ${claim}` +
      (unproven ? ' (if this runtime export was taken on a node of the cluster)' : ''),
    evidence: c.evidence,
    key: 'shadow',
    // A forged claim is deliberate; an unclaimed container may be a forgotten side job,
    // and one on a host not shown to be a node may be no shadow at all.
    ...(unproven ? { severity: 'medium' as const } : {}),
    confidence: c.claimed ? 0.85 : onNode ? 0.6 : 0.35,
    vars: {
      container: label,
      claimed: c.claimed ? podKey(c.claimed) : 'none',
      inspect: `docker inspect ${label}`,
      export: `docker export ${label} -o ${label}-fs.tar`,
    },
  };
}
