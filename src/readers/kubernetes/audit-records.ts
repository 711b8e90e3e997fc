import type { Readable } from 'node:stream';
import { lineOf, readJsonDocument, type JsonDocument } from '../../evidence/json-document.js';
import { describe } from '../../util/errors.js';
import { obj, str } from '../../util/text.js';
import type { ReadContext } from '../reader.js';
import { auditLineBatches } from './audit-lines.js';
import { CLOUD_LIST_KEYS, unwrapCloud } from './cloud-exports.js';

/**
 * The shapes audit events are exported in, unwrapped to one candidate event
 * each: JSON lines (the API server's log backend), a JSON array, an
 * `EventList` ({"kind":"EventList","items":[…]}), a single event document,
 * and Azure's AKS diagnostic export, whose `records[].properties.log` holds
 * each event as a JSON string (or, re-serialized, as an object); the same
 * records also come one a line, in storage-account archives.
 * AKS: https://learn.microsoft.com/azure/aks/monitor-aks-reference#resource-logs
 * Example: {"records":[{"category":"kube-audit","time":"2020-05-05T16:16:37Z",
 *   "properties":{"log":"{\"kind\":\"Event\",\"auditID\":\"55ff…\",…}"}}]}
 */
export interface Candidate {
  value: unknown;
  line: number;
  /** A time the wrapper gave, used when the event has none. */
  fallbackTime: unknown;
}

type LineOf = (key: string, index: number) => number;

/** Candidate events a batch at a time, so the reader loops over them synchronously. */
export async function* auditCandidates(
  content: Readable,
  ctx: ReadContext,
  lines: boolean,
): AsyncGenerator<Candidate[]> {
  if (lines) {
    for await (const batch of auditLineBatches(content, ctx)) {
      const out: Candidate[] = [];
      for (const record of batch) {
        // Most lines are one plain event: no wrapper to look into.
        if (isPlainEvent(record.value)) {
          out.push({ value: record.value, line: record.line, fallbackTime: record.stamp });
          continue;
        }
        const from = out.length;
        unwrap(record.value, () => record.line, ctx, out);
        if (record.stamp !== null) stampAll(out, from, record.stamp);
      }
      yield out;
    }
    return;
  }
  const doc: JsonDocument = await readJsonDocument(content);
  const out: Candidate[] = [];
  unwrap(doc.value, (key, index) => lineOf(doc, key, index), ctx, out);
  yield out;
}

/** Keys under which exports list their events. */
const LIST_KEYS: readonly string[] = ['items', ...CLOUD_LIST_KEYS];

/** An object with an auditID and a verb is an event as it stands, not a wrapper. */
function isPlainEvent(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const event = value as Record<string, unknown>;
  return typeof event['auditID'] === 'string' && typeof event['verb'] === 'string';
}

/** Appends the candidate events one JSON value holds to `out`. */
function unwrap(value: unknown, lineAt: LineOf, ctx: ReadContext, out: Candidate[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) add(value[i], lineAt('', i), ctx, out);
    return;
  }
  const root = obj(value);
  for (const key of LIST_KEYS) {
    const list = root?.[key];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) add(list[i], lineAt(key, i), ctx, out);
    return;
  }
  const records = root?.['records'];
  if (Array.isArray(records)) {
    for (let i = 0; i < records.length; i++) {
      const event = fromRecord(records[i], `records[${i}]`, lineAt('records', i), ctx);
      if (event !== null) out.push(event);
    }
    return;
  }
  if (root !== null && isAksLine(root)) {
    const event = fromRecord(root, 'the AKS record', lineAt('', 0), ctx);
    if (event !== null) out.push(event);
    return;
  }
  add(value, lineAt('', 0), ctx, out);
}

/** The time a line was stamped with stands for the event's when it has none of its own. */
function stampAll(out: Candidate[], from: number, stamp: string): void {
  for (let i = from; i < out.length; i++) out[i]!.fallbackTime ??= stamp;
}

/** One candidate, out of its cloud record when it comes in one. */
function add(value: unknown, line: number, ctx: ReadContext, out: Candidate[]): void {
  const cloud = unwrapCloud(value);
  if (cloud === null) out.push({ value, line, fallbackTime: null });
  else if ('problem' in cloud) ctx.skip(line, cloud.problem);
  else out.push({ value: cloud.value, line, fallbackTime: cloud.fallbackTime });
}

/** The event an AKS record carries, or null (skipped and located) when it is unreadable. */
function fromRecord(
  value: unknown,
  label: string,
  line: number,
  ctx: ReadContext,
): Candidate | null {
  const record = obj(value);
  const log = obj(record?.['properties'])?.['log'];
  const fallbackTime = record?.['time'] ?? null;
  if (obj(log) !== null) return { value: log, line, fallbackTime };
  const text = str(log);
  if (text === null) {
    ctx.skip(line, `${label} has no properties.log`);
    return null;
  }
  try {
    return { value: JSON.parse(text) as unknown, line, fallbackTime };
  } catch (error) {
    ctx.skip(line, `properties.log of ${label} is not JSON: ${describe(error)}`);
    return null;
  }
}

/**
 * True for one AKS record on its own, as a storage-account archive holds them
 * (`…/insights-logs-kube-audit/…/PT1H.json`), one a line. Example:
 * {"time":"2024-03-01T10:20:00.1400000Z","category":"kube-audit",
 *   "properties":{"log":"{\"kind\":\"Event\",…}","stream":"stdout"}}
 * A record carries no `kind` and no `auditID` of its own; an event does.
 */
function isAksLine(record: Record<string, unknown>): boolean {
  return !('kind' in record) && !('auditID' in record) && isAksAuditRecord(record);
}

/**
 * True when a record (or a partial one from the head) is an AKS diagnostic
 * record of the audit categories "kube-audit" or "kube-audit-admin".
 */
export function isAksAuditRecord(record: Record<string, unknown> | null): boolean {
  if (record === null) return false;
  if (/^kube-audit/.test(str(record['category']) ?? '')) return true;
  const log = obj(record['properties'])?.['log'];
  return typeof log === 'string' ? log.includes('"auditID"') : obj(log)?.['auditID'] !== undefined;
}
