import ipaddr from 'ipaddr.js';

/**
 * Addresses in reports are canonical: IPv6 in RFC 5952 form, IPv4-mapped
 * IPv6 unmapped. Example: "::ffff:10.1.2.3" → "10.1.2.3",
 * "2001:DB8:0:0::15" → "2001:db8::15".
 */
export function canonicalAddress(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  // Only dotted quads: "1.2.3" is a valid classful address to inet_aton but
  // no Kubernetes component writes one.
  const valid = text.includes(':')
    ? ipaddr.IPv6.isValid(text)
    : ipaddr.IPv4.isValidFourPartDecimal(text);
  if (!valid) return null;
  const parsed = ipaddr.process(text);
  return parsed.kind() === 'ipv6' ? (parsed as ipaddr.IPv6).toRFC5952String() : parsed.toString();
}

/**
 * Canonical, de-duplicated addresses in first-seen order.
 * NOTE: a value that is not an IP address is left out: it names nothing that
 * a flow or another source could meet.
 */
export function canonicalAddresses(values: Iterable<unknown>): string[] {
  const out = new Set<string>();
  for (const value of values) {
    const address = canonicalAddress(value);
    if (address !== null) out.add(address);
  }
  return [...out];
}
