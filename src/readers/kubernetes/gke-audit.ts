import { num, obj, str } from '../../util/text.js';
import { stringValues } from './audit-event.js';

/**
 * GKE writes Kubernetes audit events to Cloud Logging as Cloud Audit Log
 * entries, one entry per request; this turns an entry back into the audit
 * event's shape, so that one code path reads both.
 * Spec: https://cloud.google.com/logging/docs/reference/audit/auditlog/rest/Shared.Types/AuditLog
 * and https://cloud.google.com/kubernetes-engine/docs/how-to/audit-logging
 * Example: {"insertId":"9f2…","timestamp":"2024-03-01T10:20:00.140907Z",
 *   "labels":{"authorization.k8s.io/decision":"allow"},
 *   "protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog",
 *   "methodName":"io.k8s.core.v1.pods.create",
 *   "resourceName":"core/v1/namespaces/dev/pods/dbg-shell",
 *   "authenticationInfo":{"principalEmail":"dev@example.com"},
 *   "requestMetadata":{"callerIp":"203.0.113.15","callerSuppliedUserAgent":"kubectl/v1.29.0"},
 *   "request":{…the Pod…},"status":{}}}
 */
export function isGkeEntry(value: Record<string, unknown>): boolean {
  return str(obj(value['protoPayload'])?.['methodName'])?.startsWith('io.k8s.') === true;
}

/**
 * The audit event an entry stands for, or null when it is no Kubernetes one.
 * NOTE: GKE logs each request once, when it is done, so the event reads as
 * stage ResponseComplete; the audit level is not logged, so it is
 * RequestResponse when a body was kept and Metadata otherwise; the request
 * URI is not logged (it stays null) and neither are the user's groups.
 */
export function gkeEvent(entry: Record<string, unknown>): Record<string, unknown> | null {
  const payload = obj(entry['protoPayload']);
  const method = str(payload?.['methodName']);
  if (payload === null || method === null || !method.startsWith('io.k8s.')) return null;
  const verb = method.slice(method.lastIndexOf('.') + 1);
  const labels = stringValues(entry['labels']);
  const request = obj(payload['request']);
  const response = obj(payload['response']);
  const meta = obj(payload['requestMetadata']);
  const caller = str(meta?.['callerIp']);
  return {
    auditID: str(entry['insertId']) ?? str(obj(entry['operation'])?.['id']),
    stage: 'ResponseComplete',
    level: request !== null || response !== null ? 'RequestResponse' : 'Metadata',
    verb,
    objectRef: objectRefOf(str(payload['resourceName'])),
    user: { username: str(obj(payload['authenticationInfo'])?.['principalEmail']) },
    sourceIPs: caller === null ? [] : [caller],
    userAgent: str(meta?.['callerSuppliedUserAgent']),
    responseStatus: { code: httpCode(obj(payload['status']), verb, labels) },
    requestObject: request,
    responseObject: response,
    annotations: labels,
    stageTimestamp: entry['timestamp'],
  };
}

/**
 * resourceName is "<group>/<version>/namespaces/<ns>/<resource>/<name>[/<sub>]"
 * or, cluster-scoped, "<group>/<version>/<resource>/<name>[/<sub>]"; "core" is
 * the core group. Example: "core/v1/namespaces/dev/pods/web-1/exec".
 */
export function objectRefOf(resourceName: string | null): Record<string, unknown> | null {
  if (resourceName === null) return null;
  const parts = resourceName.split('/', 8);
  if (parts.length < 3) return null;
  const [group, version] = parts;
  const ref: Record<string, unknown> = {
    apiGroup: group === 'core' ? '' : group,
    apiVersion: version,
  };
  let rest = parts.slice(2);
  // "namespaces/<ns>/…" is a namespaced object, unless nothing follows but a
  // namespace's own subresource ("namespaces/dev/finalize").
  if (rest[0] === 'namespaces' && rest.length >= 3 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) {
    ref['namespace'] = rest[1];
    rest = rest.slice(2);
  }
  [ref['resource'], ref['name'], ref['subresource']] = rest;
  return ref;
}

const NAMESPACE_SUBRESOURCES: ReadonlySet<string> = new Set(['status', 'finalize']);

/**
 * Cloud Audit Logs give a google.rpc code, not the HTTP status: mapped back
 * by the table of google/rpc/code.proto. No status, or code 0, is success.
 * Example: {"code": 7, "message": "PERMISSION_DENIED"} → 403.
 */
function httpCode(
  status: Record<string, unknown> | null,
  verb: string,
  labels: Record<string, string>,
): number {
  const code = num(status?.['code']) ?? 0;
  if (code !== 0) return RPC_TO_HTTP.get(code) ?? 500;
  if (labels['authorization.k8s.io/decision'] === 'forbid') return 403;
  return verb === 'create' ? 201 : 200;
}

const RPC_TO_HTTP: ReadonlyMap<number, number> = new Map([
  [1, 499],
  [2, 500],
  [3, 400],
  [4, 504],
  [5, 404],
  [6, 409],
  [7, 403],
  [8, 429],
  [9, 400],
  [10, 409],
  [11, 400],
  [12, 501],
  [13, 500],
  [14, 503],
  [15, 500],
  [16, 401],
]);
