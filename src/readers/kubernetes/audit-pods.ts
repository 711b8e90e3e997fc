import type { ApiObservation, ConfigObservation } from '../../model/observation.js';
import { obj, str } from '../../util/text.js';
import type { Instant } from '../../util/time.js';
import { podConfigs } from './pod-spec.js';
import { POD_KINDS, podKindOf, podShapeOf } from './workloads.js';

/**
 * The containers an audited request wrote: a create, update or patch of a
 * pod (or of its ephemeralcontainers, as `kubectl debug` does) or of a
 * workload, whose body the audit level kept (Request or RequestResponse).
 * Example: a ResponseComplete create of pods/dev/dbg-shell with
 * requestObject.spec.containers[0].securityContext.privileged true.
 */
const WRITE_VERBS: ReadonlySet<string> = new Set(['create', 'update', 'patch']);

interface Body {
  value: Record<string, unknown>;
  notes: string[];
}

export function auditPodConfigs(
  event: Record<string, unknown>,
  api: ApiObservation,
  time: Instant | null,
): ConfigObservation[] {
  if (api.verb === null || !WRITE_VERBS.has(api.verb) || api.resource === null) return [];
  const resourceKind = podKindOf(api.resource);
  if (resourceKind === null) return [];
  if (api.subresource !== null && api.subresource !== 'ephemeralcontainers') return [];
  const body = bodyOf(event, api.verb);
  if (body === null) return [];
  const shape = shapeOf(body.value, resourceKind);
  if (shape === null) return [];
  // Marks a request, not live state: rules on running containers leave it to audit rules.
  const notes = ['audit-request', ...body.notes];
  if (shape.template) notes.push('pod-template');
  if (api.code !== null && api.code >= 400) notes.push('request-rejected');
  return podConfigs({
    spec: shape.spec,
    metadata: shape.metadata,
    status: shape.status,
    pod: podRef(api, body.value),
    time,
    source: api.source,
    notes,
  });
}

/**
 * The object as written. A create or update sends the whole object; a patch
 * sends a fragment, so the response (the object after the patch) is better
 * when the level kept it, and a fragment is marked as such.
 */
function bodyOf(event: Record<string, unknown>, verb: string): Body | null {
  const request = obj(event['requestObject']);
  const response = obj(event['responseObject']);
  if (verb === 'patch') {
    if (response !== null && str(response['kind']) !== 'Status')
      return { value: response, notes: [] };
    return request === null ? null : { value: request, notes: ['from-patch'] };
  }
  return request === null ? null : { value: request, notes: [] };
}

/**
 * A body of the resource's kind (a patch fragment has no kind). Before
 * Kubernetes 1.22 the ephemeralcontainers subresource took an
 * `EphemeralContainers` object holding the list at its top.
 */
function shapeOf(body: Record<string, unknown>, resourceKind: string) {
  const kind = str(body['kind']) ?? resourceKind;
  if (kind === 'EphemeralContainers') {
    const spec = { ephemeralContainers: body['ephemeralContainers'] };
    return { spec, metadata: obj(body['metadata']), status: null, template: false };
  }
  if (!POD_KINDS.has(kind)) return null;
  return podShapeOf(body, kind);
}

/**
 * The pod, or the workload whose pods these will be. A generated name not yet
 * chosen stands as its prefix. Example: "nginx-deployment-5cdcc99dbf-".
 * NOTE: an object with no namespace anywhere lands in "default", as the API
 * server would place it.
 */
function podRef(api: ApiObservation, body: Record<string, unknown>) {
  const meta = obj(body['metadata']);
  const namespace = api.namespace ?? str(meta?.['namespace']) ?? 'default';
  const name = api.name ?? str(meta?.['name']) ?? str(meta?.['generateName']);
  return name === null ? null : { namespace, name };
}
