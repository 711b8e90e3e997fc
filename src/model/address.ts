import ipaddr from 'ipaddr.js';

/**
 * IP addresses as evidence writes them, in one canonical text form so that
 * the same host always compares equal: IPv4 in dotted decimal, IPv6 in
 * RFC 5952 form (https://www.rfc-editor.org/rfc/rfc5952), and IPv4-mapped
 * IPv6 (::ffff:0:0/96) unmapped to IPv4.
 * Example: "2001:0db8:0005:0000:0000:0000:0000:0050" → "2001:db8:5::50";
 * "::ffff:192.0.2.50" → "192.0.2.50".
 */
export type ParsedAddress =
  | { family: 4; canonical: string; value: number }
  | { family: 6; canonical: string; parts: number[] };

/**
 * Dotted decimal with one to three digits a part. Leading zeros are read as
 * decimal ("010.1.1.1" is 10.1.1.1): flow exporters pad, none writes octal.
 */
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** IPv6 parsing is the slow path; flows repeat the same few addresses. */
const V6_CACHE_LIMIT = 4096;
const v6Cache = new Map<string, ParsedAddress | null>();

export function parseAddress(text: string): ParsedAddress | null {
  let value = text.trim();
  if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
  const m = IPV4.exec(value);
  if (m) return parseIPv4(m);
  if (!value.includes(':')) return null;
  const cached = v6Cache.get(value);
  if (cached !== undefined) return cached;
  const parsed = parseIPv6(value);
  if (v6Cache.size >= V6_CACHE_LIMIT) v6Cache.clear();
  v6Cache.set(value, parsed);
  return parsed;
}

/** The canonical form of an address, or null when the text is not one. */
export function canonicalAddress(text: string): string | null {
  return parseAddress(text)?.canonical ?? null;
}

function parseIPv4(m: RegExpExecArray): ParsedAddress | null {
  const octets = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (octets.some((o) => o > 255)) return null;
  return fromOctets(octets);
}

function fromOctets(octets: number[]): ParsedAddress {
  const value = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  return { family: 4, canonical: octets.join('.'), value };
}

function parseIPv6(value: string): ParsedAddress | null {
  if (!ipaddr.IPv6.isValid(value)) return null;
  const address = ipaddr.IPv6.parse(value);
  if (address.isIPv4MappedAddress()) return fromOctets(address.toIPv4Address().octets);
  return { family: 6, canonical: address.toRFC5952String(), parts: address.parts };
}

/** A network written in CIDR notation. Example: "203.0.113.0/24". */
export type ParsedNetwork =
  { family: 4; bits: number; value: number } | { family: 6; bits: number; parts: number[] };

/**
 * Parses "address/bits". Host bits are cleared ("10.0.0.5/24" is
 * 10.0.0.0/24), and an IPv4-mapped network of /96 or longer becomes the
 * IPv4 network it maps ("::ffff:192.0.2.0/120" is 192.0.2.0/24).
 */
export function parseNetwork(text: string): ParsedNetwork | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const bitsText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  const raw = text.slice(0, slash);
  const address = parseAddress(raw);
  if (!address) return null;
  if (address.family === 4) {
    // A mapped IPv6 network was unmapped: its length counts from bit 96.
    const v4bits = raw.includes(':') ? bits - 96 : bits;
    if (v4bits < 0 || v4bits > 32) return null;
    return { family: 4, bits: v4bits, value: maskIPv4(address.value, v4bits) };
  }
  if (bits > 128) return null;
  return { family: 6, bits, parts: maskIPv6(address.parts, bits) };
}

export function maskIPv4(value: number, bits: number): number {
  if (bits === 0) return 0;
  return (value & (0xffffffff << (32 - bits))) >>> 0;
}

/** The parts of an IPv6 address with every bit past `bits` cleared. */
export function maskIPv6(parts: number[], bits: number): number[] {
  return parts.map((part, i) => {
    const keep = Math.max(0, Math.min(16, bits - i * 16));
    return keep === 16 ? part : part & ((0xffff << (16 - keep)) & 0xffff);
  });
}

/** The canonical form of an untrusted value, or null when it is no address. */
export function canonicalAddressOf(value: unknown): string | null {
  return typeof value === 'string' ? canonicalAddress(value) : null;
}

/**
 * Canonical, de-duplicated addresses in first-seen order.
 * NOTE: a value that is not an IP address is left out: it names nothing that
 * a flow or another source could meet.
 */
export function canonicalAddresses(values: Iterable<unknown>): string[] {
  const out: string[] = [];
  let seen: Set<string> | null = null;
  for (const value of values) {
    const address = canonicalAddressOf(value);
    if (address === null) continue;
    // Lists hold one or two addresses: a scan beats a Set until they grow.
    if (seen === null && out.length >= 8) seen = new Set(out);
    if (seen ? seen.has(address) : out.includes(address)) continue;
    out.push(address);
    seen?.add(address);
  }
  return out;
}
