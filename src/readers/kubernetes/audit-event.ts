import type { ApiObservation } from '../../model/observation.js';
import type { Source } from '../../model/source.js';
import { num, obj, str, strings } from '../../util/text.js';
import { parseTime, type Instant } from '../../util/time.js';
import { canonicalAddresses } from '../../model/address.js';

/**
 * Kubernetes API-server audit events, audit.k8s.io v1 and v1beta1.
 * Spec: https://kubernetes.io/docs/reference/config-api/apiserver-audit.v1/#audit-k8s-io-v1-Event
 * Many events in the wild carry no apiVersion (older exports, test traces),
 * so an event is known by its fields.
 * Example: {"auditID":"1111…","stage":"ResponseComplete","verb":"create",
 *   "objectRef":{"resource":"pods","namespace":"dev","name":"dbg-shell"},…}
 */
export function isAuditEvent(value: Record<string, unknown>): boolean {
  const request =
    typeof value['verb'] === 'string' ||
    typeof value['requestURI'] === 'string' ||
    typeof value['stage'] === 'string';
  if (typeof value['auditID'] === 'string') return request;
  return isAuditApiVersion(value['apiVersion']) && value['kind'] === 'Event' && request;
}

/** Example: "audit.k8s.io/v1", "audit.k8s.io/v1beta1". */
export function isAuditApiVersion(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('audit.k8s.io/');
}

/**
 * The event's time: when it reached its stage, else when the request came
 * in, else v1beta1's `timestamp` (second precision), else a time the
 * wrapper gave (an AKS record's `time`).
 */
export function eventTime(
  event: Record<string, unknown>,
  fallback: unknown = null,
): Instant | null {
  return (
    parseTime(event['stageTimestamp']) ??
    parseTime(event['requestReceivedTimestamp']) ??
    parseTime(event['timestamp']) ??
    parseTime(fallback)
  );
}

/**
 * The `api` observation of one request. `event` is the request's events
 * merged into one (see audit-requests.ts); `stages` lists every stage seen.
 */
export function apiObservation(
  event: Record<string, unknown>,
  source: Source,
  time: Instant | null,
  stages: string[] = [],
): ApiObservation {
  const ref = obj(event['objectRef']);
  const user = obj(event['user']);
  const api: ApiObservation = {
    kind: 'api',
    time: time?.iso ?? null,
    ts: time?.ms ?? null,
    source,
    auditID: str(event['auditID']),
    stage: str(event['stage']),
    level: str(event['level']),
    verb: str(event['verb']),
    resource: str(ref?.['resource']),
    subresource: str(ref?.['subresource']),
    namespace: str(ref?.['namespace']),
    name: str(ref?.['name']) ?? createdName(event),
    user: str(user?.['username']),
    impersonatedUser: str(obj(event['impersonatedUser'])?.['username']),
    sourceIPs: canonicalAddresses(Array.isArray(event['sourceIPs']) ? event['sourceIPs'] : []),
    code: num(obj(event['responseStatus'])?.['code']),
    userAgent: str(event['userAgent']),
    requestURI: str(event['requestURI']),
    apiGroup: ref === null ? null : apiGroupOf(ref, event['requestURI']),
    userGroups: stringList(user?.['groups']),
    requestObject: requestBody(event['requestObject']),
    responseObject: obj(event['responseObject']),
    annotations: stringValues(event['annotations']),
    stages,
    duration: duration(event, time),
  };
  const asGroups = strings(obj(event['impersonatedUser'])?.['groups']);
  if (asGroups.length > 0) api.impersonatedGroups = asGroups;
  if (isMetadataOnly(api)) api.notes = ['metadata-level'];
  return api;
}

/** An object, or the operations of a JSON patch; anything else is no body. */
function requestBody(value: unknown): Record<string, unknown> | unknown[] | null {
  return Array.isArray(value) ? value : obj(value);
}

/**
 * Metadata (or None) level keeps no body, so a rule that reads the body
 * cannot judge the request; the note says so rather than leaving a silent gap.
 */
function isMetadataOnly(api: ApiObservation): boolean {
  if (api.level !== 'Metadata' && api.level !== 'None') return false;
  return api.requestObject === null && api.responseObject === null;
}

/**
 * objectRef.apiGroup, which v1 omits for the core group; else the group of
 * v1beta1's objectRef.apiVersion ("rbac.authorization.k8s.io/v1"); else the
 * request URI's ("/api/v1/…" is core, "/apis/apps/v1/…" is "apps").
 */
function apiGroupOf(ref: Record<string, unknown>, uri: unknown): string | null {
  const group = ref['apiGroup'];
  if (typeof group === 'string') return group;
  const version = str(ref['apiVersion']);
  const slash = version?.indexOf('/') ?? -1;
  if (version !== null && slash > 0) return version.slice(0, slash);
  const path = str(uri)?.slice(0, MAX_URI_SCANNED) ?? '';
  if (path.startsWith('/api/')) return '';
  return /^\/apis\/([^/?]+)\//.exec(path)?.[1] ?? null;
}

/** NOTE: only the start of a URI is read for its group; a group is short. */
const MAX_URI_SCANNED = 512;

/**
 * Annotations with string values only. Example: {"authorization.k8s.io/decision": "allow"}.
 * Every event has some, so this walks the keys without building entry pairs.
 */
export function stringValues(value: unknown): Record<string, string> {
  const map = obj(value);
  if (map === null) return {};
  let clean = true;
  for (const key in map) if (typeof map[key] !== 'string') clean = false;
  // Parsed JSON is the reader's own: when every value is a string it serves as it is.
  if (clean) return map as Record<string, string>;
  const out: Record<string, string> = {};
  for (const key in map) {
    const item = map[key];
    if (typeof item === 'string' && Object.hasOwn(map, key)) out[key] = item;
  }
  return out;
}

/** The strings of a list; the parsed list itself when it holds nothing else. */
function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.every((v) => typeof v === 'string') ? (value as string[]) : strings(value);
}

/**
 * A create of an object with a generated name has no name in objectRef; the
 * response body (at RequestResponse level) has the name the server chose.
 * Example: generateName "nginx-5cdcc99dbf-" → "nginx-5cdcc99dbf-rgw6z".
 */
function createdName(event: Record<string, unknown>): string | null {
  if (event['verb'] !== 'create' || obj(event['objectRef'])?.['subresource'] !== undefined) {
    return null;
  }
  return str(obj(obj(event['responseObject'])?.['metadata'])?.['name']);
}

/**
 * Seconds from requestReceivedTimestamp to this stage, to the microsecond.
 * Example: 10:22:00.000000Z → 10:52:00.002Z is 1800.002.
 */
function duration(event: Record<string, unknown>, time: Instant | null): number | null {
  const stage = event['stageTimestamp'];
  const received = parseTime(event['requestReceivedTimestamp']);
  // `time` is the stage's own time when the event has one: no need to parse it twice.
  const reached =
    time !== null && typeof stage === 'string' && time.iso === stage ? time : parseTime(stage);
  if (received === null || reached === null) return null;
  const micros = Math.round((reached.ms - received.ms) * 1000);
  return micros >= 0 ? micros / 1e6 : null;
}

/** Example: 'not a Kubernetes audit event ("kind": 0; no auditID, verb or requestURI)'. */
export function notAuditMessage(value: unknown): string {
  const kind = obj(value)?.['kind'];
  const shown = kind === null || ['string', 'number', 'boolean'].includes(typeof kind);
  const said = shown ? `"kind": ${JSON.stringify(kind).slice(0, 40)}; ` : '';
  return `not a Kubernetes audit event (${said}no auditID, verb or requestURI)`;
}
