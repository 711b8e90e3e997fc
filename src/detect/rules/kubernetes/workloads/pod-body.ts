import type { ApiObservation, ConfigObservation } from '../../../../model/observation.js';
import { podConfigs } from '../../../../readers/kubernetes/pod-spec.js';
import { podKindOf, podShapeOf } from '../../../../readers/kubernetes/workloads.js';
import { obj, str } from '../../../../util/text.js';
import { objectRef, writtenObject } from './request.js';

/**
 * The containers a pod or workload write asks for, read from the logged
 * body with the same translation the readers use, so that a pod spec means
 * the same thing in an audit body and in `kubectl get pods -o json`.
 * Example: a create of deployments/web with spec.template.spec.hostPID true
 * gives one config per container, each with pidMode "host".
 */
export interface PodBody {
  /** The API kind. Example: "Deployment". */
  kind: string;
  /** True for a workload's pod template. */
  template: boolean;
  containers: ConfigObservation[];
  /** The pod spec itself, for what no container field carries (nodeName). */
  spec: Record<string, unknown>;
}

/** Whether the request writes objects that run containers. */
export function isPodResource(resource: string | null): boolean {
  return resource !== null && podKindOf(resource) !== null;
}

/** The pod spec a write carries, or null when there is none to read. */
export function podBodyOf(api: ApiObservation): PodBody | null {
  if (!isPodResource(api.resource)) return null;
  if (api.subresource !== null && api.subresource !== 'ephemeralcontainers') return null;
  const body = writtenObject(api);
  if (body === null) return null;
  const kind = str(body['kind']) ?? podKindOf(api.resource!)!;
  const shape =
    kind === 'EphemeralContainers'
      ? {
          spec: { ephemeralContainers: body['ephemeralContainers'] },
          metadata: null,
          template: false,
        }
      : podShapeOf(body, kind);
  if (shape === null) return null;
  const containers = podConfigs({
    spec: shape.spec,
    metadata: shape.metadata ?? obj(body['metadata']),
    status: null,
    pod: objectRef(api),
    time: null,
    source: api.source,
  });
  return { kind, template: shape.template, containers, spec: shape.spec };
}
