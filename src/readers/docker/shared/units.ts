/**
 * The human-readable values of `docker stats` and `podman stats`: the CLI
 * formats sizes with go-units, decimal (kB, MB, GB: powers of 1000) for
 * network and block I/O and binary (KiB, MiB, GiB: powers of 1024) for
 * memory. Examples: "823.3kB", "2.352MiB", "0B", "--" (not available).
 */

const MULTIPLIERS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  pb: 1e15,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  pib: 1024 ** 5,
};

const SIZE = /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*([kmgtp]?i?b)?$/i;

/** Bytes of a size string. Example: "2.352MiB" gives 2466250 (rounded). */
export function parseSize(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const m = SIZE.exec(value.trim());
  if (!m) return null;
  const multiplier = MULTIPLIERS[(m[2] ?? 'b').toLowerCase()];
  if (multiplier === undefined) return null;
  return Math.round(Number(m[1]) * multiplier);
}

/** The two halves of "used / limit" or "in / out". Example: "1.2MB / 0B". */
export function parsePair(value: unknown): [number | null, number | null] {
  if (typeof value !== 'string') return [null, null];
  const parts = value.split('/');
  if (parts.length !== 2) return [null, null];
  return [parseSize(parts[0]), parseSize(parts[1])];
}

/** A percentage string or number. Example: "0.96%" gives 0.96; "--" gives null. */
export function parsePercent(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(value.trim());
  return m ? Number(m[1]) : null;
}

/** A count string or number. Example: "12" gives 12; "--" gives null. */
export function parseCount(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}

/** A process exit code, as a number or a string. Example: "137" gives 137. */
export function exitCode(value: unknown): number | null {
  const n = typeof value === 'string' && /^-?\d{1,10}$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : null;
}
