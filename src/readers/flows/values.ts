import { canonicalAddress } from '../../model/address.js';
import { quote } from '../../intel/list.js';
import { fromEpoch, fromEpochString, parseTime, type Instant } from '../../util/time.js';
import { protocolName } from './protocols.js';

/**
 * Field parsers shared by the flow readers. Each takes the raw CSV field
 * and the column name (for the message), and throws a FieldError for a
 * value that makes the record unusable; the reader skips and locates it.
 */
export class FieldError extends Error {
  override name = 'FieldError';
}

function fail(column: string, raw: string, what: string): never {
  throw new FieldError(`column '${column}': '${quote(raw.trim())}' is not ${what}`);
}

/**
 * Rates and statistics of zero-length flows are written as "Infinity" or
 * "NaN" (CICFlowMeter divides by a zero duration). They mean "no value".
 */
const NON_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;

/** A required address, canonical. Example: "::ffff:192.0.2.50" → "192.0.2.50". */
export function address(raw: string | undefined, column: string): string {
  const value = raw ?? '';
  const canonical = canonicalAddress(value);
  if (canonical === null) fail(column, value, 'an IP address');
  return canonical;
}

/**
 * A port, or null when absent. Argus writes ICMP type and id in hex
 * ("0x0008"), nfdump writes ICMP "type.code" ("8.0"): both are null, the
 * flow builder drops ports of ICMP flows anyway.
 */
export function port(raw: string | undefined, column: string): number | null {
  const text = (raw ?? '').trim();
  if (text === '') return null;
  if (/^\d{1,5}$/.test(text)) {
    const n = Number(text);
    if (n <= 65535) return n;
  }
  if (/^0x[0-9a-f]{1,4}$/i.test(text) || /^\d{1,3}\.\d{1,3}$/.test(text)) return null;
  return fail(column, text, 'a port number');
}

/**
 * A packet or byte count: a non-negative number, possibly written as a
 * float ("96.0", "1.4962507E7"). Empty and non-finite values are null.
 */
export function count(raw: string | undefined, column: string): number | null {
  const n = decimal(raw, column);
  if (n !== null && n < 0) fail(column, raw ?? '', 'a count');
  return n;
}

/** A decimal number, or null when empty or non-finite ("Infinity", "NaN"). */
export function decimal(raw: string | undefined, column: string): number | null {
  const text = (raw ?? '').trim();
  if (text === '' || NON_FINITE.test(text)) return null;
  const n = Number(text);
  if (!Number.isFinite(n) || !/^[+-]?[\d.]/.test(text)) fail(column, text, 'a number');
  return n;
}

/** A duration in seconds from microseconds (CICFlowMeter's Flow Duration). */
export function micros(raw: string | undefined, column: string): number | null {
  const n = decimal(raw, column);
  if (n !== null && n < 0) fail(column, raw ?? '', 'a duration');
  return n === null ? null : n / 1e6;
}

/** A duration in seconds (nfdump "td", argus "Dur"). */
export function seconds(raw: string | undefined, column: string): number | null {
  const n = decimal(raw, column);
  if (n !== null && n < 0) fail(column, raw ?? '', 'a duration');
  return n;
}

/** A protocol, by number or name, as its lower-case name. */
export function proto(raw: string | undefined, column: string): string | null {
  const name = protocolName(raw ?? '');
  if (name !== null && !/^[a-z0-9][a-z0-9.+_-]{0,31}$/.test(name)) {
    fail(column, raw ?? '', 'a protocol');
  }
  return name;
}

/** A free-text label, trimmed; empty and nfdump's "<none>" are null. */
export function label(raw: string | undefined): string | null {
  const text = (raw ?? '').trim();
  return text === '' || text === '<none>' ? null : text;
}

/**
 * A flow time: epoch seconds ("1796312048.716377", argus -u, nfdump %tsr),
 * epoch milliseconds ("1796312056734", nfdump csv-fast), or a local date
 * and time ("2026-12-03 15:34:16.734", "2026/12/03.15:34:16"). nfdump's
 * "0000-00-00 00:00:00.000" means none.
 * NOTE: local times carry no zone and are read as UTC; exporters print the
 * capturing host's zone, which is not in the file.
 */
export function flowTime(raw: string | undefined, column: string): Instant | null {
  const text = (raw ?? '').trim();
  if (text === '' || text.startsWith('0000-00-00')) return null;
  let time: Instant | null;
  if (/^\d{9,11}(?:\.\d{1,9})?$/.test(text)) time = fromEpochString(text);
  else if (/^\d{12,13}$/.test(text)) time = fromEpoch(Number(text));
  else {
    const local = LOCAL.exec(text);
    time = local ? localTime(local) : parseTime(text);
  }
  if (!time) fail(column, text, 'a time');
  return time;
}

const LOCAL = /^(\d{4})[-/](\d\d)[-/](\d\d)[ .T](\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?$/;

/**
 * Flow exports are sorted by time, so consecutive rows share their second:
 * the last one parsed is kept, which spares most of the date arithmetic.
 */
const lastSecond = { text: '', ms: Number.NaN };

/** A matched local time. Example: "2026-12-03 15:34:16.734" → 2026-12-03T15:34:16.734Z. */
function localTime(m: RegExpExecArray): Instant | null {
  const base = `${m[1]}-${m[2]}-${m[3]}T${m[4]}`;
  if (base !== lastSecond.text) {
    const ms = Date.parse(`${base}Z`);
    // Date.parse rolls "02-30" over into March; a round trip catches it.
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== base) return null;
    lastSecond.text = base;
    lastSecond.ms = ms;
  }
  const frac = m[5] ?? '';
  const ms = lastSecond.ms + (frac ? Number(`0.${frac}`) * 1000 : 0);
  return { iso: `${base}${frac ? `.${frac}` : ''}Z`, ms };
}
