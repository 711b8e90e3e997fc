import { describe, expect, it } from 'vitest';
import { fromEpoch, fromEpochString, fromNanos, parseTime } from '../../src/util/time.js';

describe('parseTime', () => {
  it.each([
    ['2026-12-03T15:41:23.700804692Z', '2026-12-03T15:41:23.700804692Z', 1796312483700.8047],
    ['2026-12-03T15:41:23Z', '2026-12-03T15:41:23Z', 1796312483000],
    ['2026-12-03T17:41:23.5+02:00', '2026-12-03T15:41:23.5Z', 1796312483500],
    [
      '2026-12-03 15:41:23.700804692 +0000 UTC',
      '2026-12-03T15:41:23.700804692Z',
      1796312483700.8047,
    ],
    ['2026-12-03T15:41Z', '2026-12-03T15:41:00Z', 1796312460000],
  ])('%s', (input, iso, ms) => {
    const t = parseTime(input)!;
    expect(t.iso).toBe(iso);
    expect(t.ms).toBeCloseTo(ms, 2);
  });

  it.each([['0001-01-01T00:00:00Z'], ['not a time'], [''], [null], [{}]])('%j is no time', (v) => {
    expect(parseTime(v)).toBeNull();
  });
});

describe('epoch forms', () => {
  it('tells seconds, milliseconds and nanoseconds apart', () => {
    expect(fromEpoch(1796312483)!.iso).toBe('2026-12-03T15:41:23.000Z');
    expect(fromEpoch(1796312483700)!.iso).toBe('2026-12-03T15:41:23.700Z');
    expect(fromEpoch(1796312483700804600)!.iso.startsWith('2026-12-03T15:41:23.70')).toBe(true);
  });

  it('keeps the digits of decimal and nanosecond strings', () => {
    expect(fromEpochString('1796312483.700804')!.iso).toBe('2026-12-03T15:41:23.700804Z');
    expect(fromNanos('1796312483700804692')!.iso).toBe('2026-12-03T15:41:23.700804692Z');
    expect(fromNanos('abc')).toBeNull();
    expect(fromNanos('1000000000')!.iso).toBe('1970-01-01T00:00:01.000000000Z');
    expect(fromNanos('0')).toBeNull();
  });
});
