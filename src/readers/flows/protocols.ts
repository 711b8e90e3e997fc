/**
 * IP protocol numbers and names, as the IANA registry's lower-case
 * keywords (https://www.iana.org/assignments/protocol-numbers). Exporters
 * write a number (CICFlowMeter "6", nfdump 1.7.5 "17"), a name in capitals
 * (nfdump "TCP", "ICMP6") or in lower case (argus "tcp", "ipv6-icmp").
 */
const BY_NUMBER: ReadonlyMap<number, string> = new Map([
  [1, 'icmp'],
  [2, 'igmp'],
  [4, 'ipv4'],
  [6, 'tcp'],
  [8, 'egp'],
  [17, 'udp'],
  [41, 'ipv6'],
  [46, 'rsvp'],
  [47, 'gre'],
  [50, 'esp'],
  [51, 'ah'],
  [58, 'ipv6-icmp'],
  [88, 'eigrp'],
  [89, 'ospf'],
  [94, 'ipip'],
  [103, 'pim'],
  [112, 'vrrp'],
  [115, 'l2tp'],
  [132, 'sctp'],
  [136, 'udplite'],
]);

/** Names exporters write for the same protocol. Example: nfdump's "ICMP6". */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['icmp6', 'ipv6-icmp'],
  ['icmpv6', 'ipv6-icmp'],
  ['ospfigp', 'ospf'],
  ['ip-in-ip', 'ipip'],
]);

/**
 * The lower-case name of a protocol written as a number or a name; a
 * number without a well-known name stays a number ("253").
 * NOTE: 0 is read as "unknown", not as IPv6 hop-by-hop: CICFlowMeter and
 * NetFlow exporters write 0 when they did not classify the flow.
 */
export function protocolName(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return null;
  if (/^\d{1,3}$/.test(text)) {
    const n = Number(text);
    if (n === 0 || n > 255) return null;
    return BY_NUMBER.get(n) ?? String(n);
  }
  const name = text.toLowerCase();
  return ALIASES.get(name) ?? name;
}

/** ICMP flows carry a type and code where other flows carry ports. */
export function hasPorts(proto: string | null): boolean {
  return proto !== 'icmp' && proto !== 'ipv6-icmp';
}
