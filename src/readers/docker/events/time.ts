import { fromEpoch, fromEpochString, fromNanos, type Instant } from '../../../util/time.js';

/**
 * When a Docker event happened: `timeNano` (nanoseconds since the epoch)
 * when present, else `time` (whole seconds; the pre-1.22 shape has only
 * that). Example: {"time":1709288001,"timeNano":1709288001120000001}.
 * `text` is the raw line, whose digits keep the nanoseconds a double loses.
 */
export function eventInstant(record: Record<string, unknown>, text: string): Instant | null {
  const nanos = nanoDigits(record.timeNano, text);
  if (nanos !== null) {
    const instant = fromNanos(nanos);
    if (instant) return instant;
  }
  return secondsInstant(record.time);
}

/** The exact digits of `timeNano`, taken from the text where they agree with the value. */
function nanoDigits(value: unknown, text: string): string | null {
  if (typeof value === 'string') return /^\d{1,20}$/.test(value) ? value : null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null;
  for (const m of text.matchAll(/"timeNano"\s*:\s*(\d{1,20})(?=\s*[,}])/g)) {
    if (Number(m[1]) === value) return m[1]!;
  }
  return Number.isSafeInteger(value) ? String(value) : null;
}

function secondsInstant(value: unknown): Instant | null {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return fromEpochString(String(value)) ?? fromEpoch(value);
  }
  if (typeof value === 'string') return fromEpochString(value);
  return null;
}
