import { obj } from '../../util/text.js';

/**
 * Where the pod spec sits in each kind of object that runs containers.
 * A Pod holds it in `spec`; workloads hold a pod template (`spec.template`,
 * a CronJob one level deeper in `spec.jobTemplate.spec.template`).
 * Spec: https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/
 */
export interface PodShape {
  spec: Record<string, unknown>;
  /** The pod's metadata, or the template's (its annotations apply to the pods). */
  metadata: Record<string, unknown> | null;
  status: Record<string, unknown> | null;
  /** True when the spec is a workload's template, not a running pod. */
  template: boolean;
}

/** Kinds whose objects carry a pod spec, by the API resource that serves them. */
const POD_KINDS_BY_RESOURCE: ReadonlyMap<string, string> = new Map([
  ['pods', 'Pod'],
  ['deployments', 'Deployment'],
  ['daemonsets', 'DaemonSet'],
  ['statefulsets', 'StatefulSet'],
  ['replicasets', 'ReplicaSet'],
  ['replicationcontrollers', 'ReplicationController'],
  ['jobs', 'Job'],
  ['cronjobs', 'CronJob'],
  ['podtemplates', 'PodTemplate'],
]);

export const POD_KINDS: ReadonlySet<string> = new Set(POD_KINDS_BY_RESOURCE.values());

/** The resources whose objects run containers. Example: "pods", "cronjobs". */
export const POD_RESOURCES: readonly string[] = [...POD_KINDS_BY_RESOURCE.keys()];

/** Example: "deployments" → "Deployment"; null for a resource without pods. */
export function podKindOf(resource: string): string | null {
  return POD_KINDS_BY_RESOURCE.get(resource) ?? null;
}

/** The pod spec of an object of `kind`, or null when it has none. */
export function podShapeOf(object: Record<string, unknown>, kind: string): PodShape | null {
  const spec = obj(object['spec']);
  if (kind === 'Pod') {
    if (spec === null) return null;
    return {
      spec,
      metadata: obj(object['metadata']),
      status: obj(object['status']),
      template: false,
    };
  }
  const template = templateOf(object, spec, kind);
  const templateSpec = obj(template?.['spec']);
  if (templateSpec === null) return null;
  return {
    spec: templateSpec,
    metadata: obj(template?.['metadata']),
    status: null,
    template: true,
  };
}

function templateOf(
  object: Record<string, unknown>,
  spec: Record<string, unknown> | null,
  kind: string,
): Record<string, unknown> | null {
  if (kind === 'PodTemplate') return obj(object['template']);
  if (kind === 'CronJob') return obj(obj(obj(spec?.['jobTemplate'])?.['spec'])?.['template']);
  return obj(spec?.['template']);
}
