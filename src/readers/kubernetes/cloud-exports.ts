import type { Head } from '../../evidence/open.js';
import { describe } from '../../util/errors.js';
import { obj } from '../../util/text.js';
import { gkeEvent, isGkeEntry } from './gke-audit.js';
import { jsonHead } from './json-head.js';

/**
 * Audit events as cloud log services export them, wrapped in their records:
 * - GKE, Cloud Logging entries (`gcloud logging read --format=json` writes a
 *   JSON array, a sink to storage writes JSON lines); see gke-audit.ts.
 * - EKS, CloudWatch Logs, whose `message` holds the event as a string:
 *   `aws logs filter-log-events` writes {"events":[{"timestamp":1709288400140,
 *   "message":"{\"kind\":\"Event\",…}","logStreamName":"kube-apiserver-audit-…"}]},
 *   a subscription delivers {"logEvents":[{"id","timestamp","message"}]}, and
 *   Logs Insights results are {"@timestamp":"2024-03-01 10:20:00.140",
 *   "@message":"{…}"} one a line.
 * https://docs.aws.amazon.com/cli/latest/reference/logs/filter-log-events.html
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
 */
export const CLOUD_LIST_KEYS = ['events', 'logEvents'] as const;

/** What one cloud record unwraps to: an event to read, or why it cannot be read. */
export type Unwrapped = { value: unknown; fallbackTime: unknown } | { problem: string } | null;

/** The audit event a cloud record carries; null when the value is no cloud record. */
export function unwrapCloud(value: unknown): Unwrapped {
  const record = obj(value);
  if (record === null || typeof record['auditID'] === 'string') return null;
  if (isGkeEntry(record)) return { value: gkeEvent(record), fallbackTime: record['timestamp'] };
  const message = messageOf(record);
  if (message === undefined) return null;
  const fallbackTime = record['@timestamp'] ?? record['timestamp'] ?? null;
  if (typeof message !== 'string') return { value: message, fallbackTime };
  try {
    return { value: JSON.parse(message) as unknown, fallbackTime };
  } catch (error) {
    return { problem: `log message is not JSON: ${describe(error)}` };
  }
}

/**
 * The log message of a CloudWatch record. A Kubernetes object (a core Event
 * has a `message` too) is never one: CloudWatch records carry no `kind`.
 */
function messageOf(record: Record<string, unknown>): unknown {
  if ('kind' in record) return undefined;
  const message = record['@message'] ?? record['message'];
  return typeof message === 'string' || obj(message) !== null ? message : undefined;
}

/**
 * True for a cloud record (or a partial one from the head) that carries an
 * audit event. Example: {"@message": "{\"auditID\":\"55ff…\",…}"}.
 */
export function isCloudAuditEntry(value: Record<string, unknown>): boolean {
  if (isGkeEntry(value)) return true;
  const message = messageOf(value);
  if (typeof message === 'string') return message.includes('"auditID"');
  return typeof obj(message)?.['auditID'] === 'string';
}

/**
 * GKE entries nest their fields deeper than a partial head keeps, so a
 * large export is known by its payload type and a Kubernetes method name.
 */
const GKE_TYPE = /"@type"\s*:\s*"type\.googleapis\.com\/google\.cloud\.audit\.AuditLog"/;
const GKE_METHOD = /"methodName"\s*:\s*"io\.k8s\./;

export function isCloudAuditHead(head: Head): boolean {
  const shape = jsonHead(head);
  if (shape === null) return false;
  const first = shape.first ?? (shape.rootIsArray ? null : shape.root);
  if (first !== null && isCloudAuditEntry(first)) return true;
  const text = head.text ?? '';
  return GKE_TYPE.test(text) && GKE_METHOD.test(text);
}
