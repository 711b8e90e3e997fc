import type { Head } from '../../evidence/open.js';
import { obj } from '../../util/text.js';
import { isAuditEvent } from './audit-event.js';
import { stampOf } from './audit-lines.js';
import { isAksAuditRecord } from './audit-records.js';
import { isCloudAuditEntry } from './cloud-exports.js';

/**
 * How an audit input is laid out: JSON lines (the API server's log backend,
 * cloud archives) read line by line, or one JSON document (an array, an
 * EventList) read whole. Deciding wrong loses the whole file, so the first
 * line alone never decides when it is broken or longer than the head.
 */
export type Layout = 'lines' | 'document';

/** Several sniffers and the reader ask about the same head; it is judged once. */
const seen = new WeakMap<Head, Layout | null>();

export function layoutOf(head: Head): Layout | null {
  if (!seen.has(head)) seen.set(head, judge(head.text));
  return seen.get(head) ?? null;
}

/**
 * - `[` first: an array document.
 * - a lone `{` first line: a pretty-printed document.
 * - a first line that is no value's start at all: lines whose first was cut
 *   by rotation or a partial copy (`ge":"ResponseComplete",…}`), or lines
 *   each stamped with a time (`2024-03-01T10:20:00.140Z {…}`).
 * - a first line that parses on its own: lines (a one-line EventList too:
 *   its line is unwrapped like a document).
 * - a first line starting `{"` that runs past the head: lines; a request
 *   with a huge body (an 8 MB ConfigMap) is logged on one such line.
 * - a first line that is broken (`{"kind":"Event","audi`): lines when the
 *   head's later lines read as records on their own, not as a document's
 *   continuation.
 */
function judge(text: string | null): Layout | null {
  if (text === null) return null;
  const start = text.search(/\S/);
  if (start < 0) return null;
  if (text[start] === '[') return 'document';
  if (text[start] !== '{') return 'lines';
  const end = text.indexOf('\n', start);
  const first = text.slice(start, end < 0 ? undefined : end).trimEnd();
  if (first === '{') return 'document';
  if (parseOrNull(first) !== null) return 'lines';
  if (end < 0) return first.startsWith('{"') ? 'lines' : 'document';
  // A small document held whole by the head: `{"items": [` + one event a line.
  if (parseOrNull(text.slice(start)) !== null) return 'document';
  return laterLinesAreRecords(text.slice(end + 1)) ? 'lines' : 'document';
}

/**
 * True when more of the head's later whole lines are audit records of their
 * own than look like a document's inside: `{…},`, `,{…}`, `]}`. One event a
 * line inside an EventList (`{"items": [` … `{…},` … `]}`) then stays a
 * document, while one more broken line in a log does not turn it into one.
 */
function laterLinesAreRecords(rest: string): boolean {
  // The last piece may be cut by the end of the head: it never counts.
  const lines = rest.split('\n', LINES_SNIFFED + 1).slice(0, -1);
  let records = 0;
  let inside = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (/^[,\]}]|,$/.test(line)) inside += 1;
    else if (isAuditLine(parseOrNull(line))) records += 1;
  }
  return records > inside;
}

/** An audit event on its own, or in a cloud record (CloudWatch, GKE, AKS). */
export function isAuditLine(value: Record<string, unknown> | null): boolean {
  if (value === null) return false;
  return isAuditEvent(value) || isCloudAuditEntry(value) || isAksAuditRecord(value);
}

/**
 * The objects on the head's first lines that parse on their own, after the
 * time a CloudWatch export writes before each (see audit-lines.ts).
 */
export function headLines(head: Head): Record<string, unknown>[] {
  const lines = (head.text ?? '').split('\n', LINES_SNIFFED + 1).slice(0, LINES_SNIFFED);
  const values = lines.map((line) => {
    const json = line.slice(stampOf(line)?.json ?? 0);
    return json.trimStart().startsWith('{') ? parseOrNull(json) : null;
  });
  return values.filter((v): v is Record<string, unknown> => v !== null);
}

/** NOTE: enough lines to see past a few broken ones, few enough to parse at every sniff. */
const LINES_SNIFFED = 20;

function parseOrNull(text: string): Record<string, unknown> | null {
  try {
    return obj(JSON.parse(text));
  } catch {
    return null;
  }
}
