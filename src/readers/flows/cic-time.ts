import { parseTime, type Instant } from '../../util/time.js';
import { FieldError } from './values.js';
import { quote } from '../../intel/list.js';

/**
 * CICFlowMeter's Timestamp column. The Java tool formats it with
 * "dd/MM/yyyy hh:mm:ss" (a 12-hour clock, no AM/PM: "07/02/2018 03:59:04"),
 * later versions add the marker ("07/02/2018 08:30:05 AM"), and the
 * CIC-IDS2017 CSVs went through a spreadsheet ("3/7/2017 8:55", no
 * seconds). python-cicflowmeter writes "2024-03-01 10:50:00".
 *
 * Day-first is the default, as the Java tool writes it and as the CIC
 * datasets show ("31/03/2015 08:32:22"). The first 64 KiB of the file
 * settle the order when a date there can only be read one way (a first
 * number over 12 means day-first, a second one over 12 month-first), and
 * settle the clock when an hour there is 0 or over 12, or carries AM/PM.
 * A record whose date reads both ways, in a file that settles nothing,
 * gets the note "ambiguous-date"; an hour from 1 to 12 read on an
 * unsettled 12-hour-or-24-hour clock gets "ambiguous-12h-clock".
 * NOTE: the time carries no zone; it is read as UTC, as the capturing
 * host's zone is not in the file.
 */
export interface CicClock {
  dayFirst: boolean;
  dateSettled: boolean;
  clockSettled: boolean;
}

/** Day or month, month or day, year, hour, minute, second, fraction, AM/PM. */
const SLASHED = new RegExp(
  '^(\\d{1,2})/(\\d{1,2})/(\\d{4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?' +
    '(?:\\.(\\d{1,9}))?(?:\\s*([AaPp][Mm]))?$',
);
const IN_HEAD = /(\d{1,2})\/(\d{1,2})\/\d{4}\s+(\d{1,2}):\d{2}(?::\d{2})?(\.\d+)?(\s*[AaPp][Mm])?/g;

export function inferCicClock(head: string | null): CicClock {
  let dayFirstSeen = false;
  let monthFirstSeen = false;
  let clockSettled = false;
  for (const m of (head ?? '').matchAll(IN_HEAD)) {
    const [a, b, hour] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (a > 12 && b <= 12) dayFirstSeen = true;
    if (b > 12 && a <= 12) monthFirstSeen = true;
    if (m[5] || hour === 0 || hour > 12) clockSettled = true;
  }
  return {
    dayFirst: !(monthFirstSeen && !dayFirstSeen),
    dateSettled: dayFirstSeen !== monthFirstSeen,
    clockSettled,
  };
}

export interface CicTime {
  time: Instant | null;
  notes: string[];
}

const NO_NOTES: string[] = [];

export function parseCicTime(raw: string | undefined, clock: CicClock, column: string): CicTime {
  const text = (raw ?? '').trim();
  if (text === '') return { time: null, notes: NO_NOTES };
  const m = SLASHED.exec(text);
  if (!m) {
    const time = parseTime(text);
    if (!time) throw new FieldError(`column '${column}': '${quote(text)}' is not a time`);
    return { time, notes: NO_NOTES };
  }
  const notes: string[] = [];
  const date = readDate(Number(m[1]), Number(m[2]), Number(m[3]), clock, notes);
  const hour = readHour(Number(m[4]), m[8], clock, notes);
  if (!date || hour === null || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) {
    throw new FieldError(`column '${column}': '${quote(text)}' is not a valid date and time`);
  }
  return { time: instant(date, hour, m[5]!, m[6] ?? '00', m[7] ?? ''), notes };
}

function readDate(a: number, b: number, year: number, clock: CicClock, notes: string[]) {
  let dayFirst = clock.dayFirst;
  if (a > 12 && b <= 12) dayFirst = true;
  else if (b > 12 && a <= 12) dayFirst = false;
  else if (a !== b && !clock.dateSettled) notes.push('ambiguous-date');
  const [day, month] = dayFirst ? [a, b] : [b, a];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

function readHour(hour: number, marker: string | undefined, clock: CicClock, notes: string[]) {
  if (marker) {
    if (hour < 1 || hour > 12) return null;
    return (hour % 12) + (marker.toUpperCase() === 'PM' ? 12 : 0);
  }
  if (hour > 23) return null;
  if (hour >= 1 && hour <= 12 && !clock.clockSettled) notes.push('ambiguous-12h-clock');
  return hour;
}

function instant(
  date: { year: number; month: number; day: number },
  hour: number,
  minute: string,
  second: string,
  frac: string,
): Instant {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const day = `${date.year}-${pad(date.month)}-${pad(date.day)}`;
  const clock = `${pad(hour)}:${minute}:${second}`;
  const whole = Date.parse(`${day}T${clock}Z`);
  const ms = whole + (frac ? Number(`0.${frac}`) * 1000 : 0);
  return { iso: `${day}T${clock}${frac ? `.${frac}` : ''}Z`, ms };
}
