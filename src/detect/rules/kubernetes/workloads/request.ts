import { podKindOf } from '../../../../readers/kubernetes/workloads.js';
import type { ApiObservation, PodRef } from '../../../../model/observation.js';
import { obj, str } from '../../../../util/text.js';
import type { Lists } from '../../../lists.js';

/**
 * Small questions every audit-log workload rule asks of one request.
 * Spec: https://kubernetes.io/docs/reference/config-api/apiserver-audit.v1/
 */

/** Verbs that change an object. */
export const WRITE_VERBS: ReadonlySet<string> = new Set(['create', 'update', 'patch']);

/** Verbs that remove one object or many. */
export const DELETE_VERBS: ReadonlySet<string> = new Set(['delete', 'deletecollection']);

/**
 * Whether the request took effect: a request the server refused (code 400 and
 * up: 403 forbidden, 422 invalid) changed nothing. A request logged without
 * its outcome (RequestReceived only) may have; it counts as done.
 */
export function accepted(api: ApiObservation): boolean {
  return api.code === null || api.code < 400;
}

/** Whether the identity is the control plane or one of its controllers. */
export function isSystemIdentity(lists: Lists, user: string | null): boolean {
  return user !== null && lists.has('system-identities', user);
}

/**
 * The object the request wrote, as the server stored it when the log kept
 * it: a patch sends only a fragment, so its response (RequestResponse level)
 * is the better body. Null at Metadata level, and for a JSON patch (a list
 * of operations, not an object) logged without its response.
 */
export function writtenObject(api: ApiObservation): Record<string, unknown> | null {
  const response = obj(api.responseObject);
  if (api.verb === 'patch' && response !== null && str(response['kind']) !== 'Status') {
    return response;
  }
  return obj(api.requestObject);
}

/** Whether the request carried no object body for a rule to read. */
export function bodyMissing(api: ApiObservation): boolean {
  return obj(api.requestObject) === null && obj(api.responseObject) === null;
}

export const NOT_LOGGED = 'audit level Metadata carries no request body';
export const JSON_PATCH_UNJUDGED = 'request body is a JSON patch; not judged';
const NOT_AN_OBJECT = 'request body is not an object; not judged';

/**
 * Why a write with no object body cannot be judged. At Request level and
 * above the body was logged, so it was no object: for a patch, a JSON patch
 * (`kubectl patch --type json`, RFC 6902), whose requestObject is a list of
 * operations. Example: [{"op":"add","path":"/spec/hostPID","value":true}].
 */
export function unjudgedReason(api: ApiObservation): string {
  if (api.level !== 'Request' && api.level !== 'RequestResponse') return NOT_LOGGED;
  return api.verb === 'patch' ? JSON_PATCH_UNJUDGED : NOT_AN_OBJECT;
}

/**
 * The object's namespace and name; a create with a generated name has only
 * its prefix until the server picks one. Example: "nginx-5cdcc99dbf-".
 */
export function objectRef(api: ApiObservation): PodRef {
  const meta = obj(writtenObject(api)?.['metadata']);
  const namespace = api.namespace ?? str(meta?.['namespace']) ?? 'default';
  const name = api.name ?? str(meta?.['name']) ?? str(meta?.['generateName']) ?? '?';
  return { namespace, name };
}

/**
 * Singular kind names for summaries: the workload kinds as the reader names
 * them, and a few others. Example: "daemonsets" → "DaemonSet", "pods" → "pod".
 */
const OTHER_KINDS: ReadonlyMap<string, string> = new Map([
  ['pods', 'pod'],
  ['podtemplates', 'PodTemplate'],
  ['namespaces', 'namespace'],
  ['configmaps', 'ConfigMap'],
]);

export function kindName(resource: string | null): string {
  if (resource === null) return 'object';
  return OTHER_KINDS.get(resource) ?? podKindOf(resource) ?? resource;
}

/** "created", "updated", "patched", "deleted": the verb as a summary says it. */
export function pastTense(verb: string | null): string {
  switch (verb) {
    case 'create':
      return 'created';
    case 'update':
      return 'updated';
    case 'patch':
      return 'patched';
    case 'delete':
    case 'deletecollection':
      return 'deleted';
    default:
      return `${verb ?? 'changed'} (verb)`;
  }
}

/**
 * " by alice", or " by an unknown identity" when the log names no one, so
 * every summary of a rule reads the same whoever its first record names.
 */
export function byWhom(api: ApiObservation): string {
  return ` by ${userName(api)}`;
}

/** The requesting user, or "an unknown identity". Example: "alice@example.com". */
export function userName(api: ApiObservation): string {
  return api.user || 'an unknown identity';
}
