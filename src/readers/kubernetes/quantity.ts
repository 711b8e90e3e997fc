/**
 * Kubernetes resource quantities: a decimal number with an optional binary
 * suffix (Ki Mi Gi Ti Pi Ei), decimal suffix (n u m k M G T P E) or exponent.
 * Spec: https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 * Example: "500m" → 0.5, "256Mi" → 268435456, "1Gi" → 1073741824, "1e3" → 1000.
 * YAML may give a plain number (`cpu: 2`), which is taken as it is.
 */
export function quantity(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string' || value.length > MAX_QUANTITY_LENGTH) return null;
  const m = QUANTITY.exec(value.trim());
  if (m === null) return null;
  const [, digits, suffix = '', exponent] = m;
  const binary = BINARY.get(suffix);
  const power = exponent !== undefined ? Number(exponent) : DECIMAL.get(suffix);
  let result: number;
  if (binary !== undefined) result = Number(digits) * binary;
  else if (power === undefined) return null;
  // Dividing keeps "300m" at 0.3 where multiplying by 0.001 would not.
  else result = power >= 0 ? Number(digits) * 10 ** power : Number(digits) / 10 ** -power;
  return Number.isFinite(result) && result >= 0 ? result : null;
}

/** NOTE: a longer value is no real quantity; it is refused before matching. */
const MAX_QUANTITY_LENGTH = 64;

/** Number, then a suffix or an exponent; each part's characters differ, so matching is linear. */
const QUANTITY = /^\+?(\d+(?:\.\d*)?|\.\d+)(?:([KMGTPE]i|[numkMGTPE])|[eE]([+-]?\d{1,3}))?$/;

/** Decimal suffixes as powers of ten. */
const DECIMAL: ReadonlyMap<string, number> = new Map([
  ['', 0],
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
]);

const BINARY: ReadonlyMap<string, number> = new Map([
  ['Ki', 2 ** 10],
  ['Mi', 2 ** 20],
  ['Gi', 2 ** 30],
  ['Ti', 2 ** 40],
  ['Pi', 2 ** 50],
  ['Ei', 2 ** 60],
]);
