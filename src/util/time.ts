/**
 * Timestamps in evidence come as RFC 3339 strings with 0 to 9 fractional
 * digits and any offset, or as epoch numbers in seconds, milliseconds or
 * nanoseconds. We keep the source's precision in an ISO string in UTC and an
 * epoch-milliseconds number for ordering.
 * Example: "2026-12-03T15:41:23.700804692Z" stays as it is;
 * "2026-12-03T17:41:23.5+02:00" becomes "2026-12-03T15:41:23.5Z".
 */
export interface Instant {
  iso: string;
  ms: number;
}

const UTC_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z$/;
const RFC3339 =
  /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d)?)(\.\d+)?\s*(Z|UTC|[+-]\d\d:?\d\d)?(?:\s+UTC)?$/i;

/** Go's zero time, written by Docker and Podman for "never". */
const ZERO_YEAR = '0001-01-01';

export function parseTime(value: unknown): Instant | null {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string' || value === '') return null;
  if (value.startsWith(ZERO_YEAR)) return null;
  if (UTC_ISO.test(value)) {
    const whole = wholeSeconds(value.slice(0, 19));
    return Number.isNaN(whole) ? null : { iso: value, ms: whole + fraction(value) };
  }
  return parseRfc3339(value.trim());
}

/**
 * Epoch milliseconds of "YYYY-MM-DDTHH:MM:SS" in UTC. Records come in
 * bursts within one second, so the last two answers are kept (an audit
 * event carries two times, its arrival and its stage, often a second
 * apart): a log of a million events parses a date far fewer times.
 */
const seconds: [string, number][] = [
  ['', NaN],
  ['', NaN],
];
let older = 0;

function wholeSeconds(prefix: string): number {
  if (seconds[0]![0] === prefix) return seconds[0]![1];
  if (seconds[1]![0] === prefix) return seconds[1]![1];
  const ms = Date.parse(`${prefix}Z`);
  seconds[older] = [prefix, ms];
  older = 1 - older;
  return ms;
}

/**
 * Milliseconds in the fraction of a UTC_ISO string, all digits kept.
 * Example: ".7008046Z" → 700.8046.
 */
function fraction(iso: string): number {
  if (iso.length === 20) return 0;
  return Number(`0${iso.slice(19, -1)}`) * 1000;
}

function parseRfc3339(value: string): Instant | null {
  const m = RFC3339.exec(value);
  if (!m) return null;
  const [, date, clock, frac = '', zone = 'Z'] = m;
  const hms = clock!.length === 5 ? `${clock}:00` : clock!;
  const offset = /^(Z|UTC)$/i.test(zone) ? 'Z' : normalizeOffset(zone);
  const whole = Date.parse(`${date}T${hms}${offset}`);
  if (Number.isNaN(whole)) return null;
  const digits = frac.slice(1, 10);
  const ms = whole + (digits ? Number(`0.${digits}`) * 1000 : 0);
  const base = new Date(whole).toISOString().slice(0, 19);
  return { iso: `${base}${digits ? `.${digits}` : ''}Z`, ms };
}

function normalizeOffset(zone: string): string {
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/**
 * Epoch numbers: seconds (1.7e9), milliseconds (1.7e12), microseconds
 * (1.7e15) or nanoseconds (1.7e18), told apart by magnitude.
 */
export function fromEpoch(value: number): Instant | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  let ms: number;
  if (value < 1e11) ms = value * 1000;
  else if (value < 1e14) ms = value;
  else if (value < 1e17) ms = value / 1000;
  else ms = value / 1e6;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  return { iso: date.toISOString(), ms };
}

/** Epoch seconds given as a decimal string keep their digits. Example: "1540475929.730588". */
export function fromEpochString(value: string): Instant | null {
  const m = /^(\d{9,11})(?:\.(\d{1,9}))?$/.exec(value.trim());
  if (!m) return null;
  const seconds = Number(m[1]);
  const frac = m[2] ?? '';
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  const ms = seconds * 1000 + (frac ? Number(`0.${frac}`) * 1000 : 0);
  return { iso: `${base}${frac ? `.${frac}` : ''}Z`, ms };
}

/** Docker's `time`/`timeNano` pair: nanoseconds win when present. */
export function fromNanos(nanos: number | bigint | string): Instant | null {
  const text = String(nanos);
  if (!/^\d{1,19}$/.test(text) || /^0+$/.test(text)) return null;
  const padded = text.padStart(10, '0');
  const seconds = Number(padded.slice(0, -9));
  const frac = padded.slice(-9);
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  return { iso: `${base}.${frac}Z`, ms: seconds * 1000 + Number(`0.${frac}`) * 1000 };
}
