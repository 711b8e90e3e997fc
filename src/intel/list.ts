import {
  parseAddress,
  parseNetwork,
  type ParsedAddress,
  type ParsedNetwork,
} from '../model/address.js';

/**
 * One line of a plain intel list: an IP address or a CIDR network, with `#`
 * comments (whole-line or trailing) and blank lines. A `;` also starts a
 * comment, as in Spamhaus DROP lists ("1.10.16.0/20 ; SBL256894").
 * Example lines: "203.0.113.66", "198.51.100.0/24  # scanner range".
 */
export type IntelLine =
  | { kind: 'blank' }
  | { kind: 'address'; entry: string; address: ParsedAddress }
  | { kind: 'network'; entry: string; network: ParsedNetwork }
  | { kind: 'bad'; message: string };

const BLANK: IntelLine = { kind: 'blank' };

/** Longest entry quoted back in a message; the rest is cut with a marker. */
const QUOTE_LIMIT = 60;

export function parseIntelLine(raw: string): IntelLine {
  const entry = stripComment(raw).trim();
  if (entry === '') return BLANK;
  if (/\s/.test(entry)) {
    return bad(entry, 'expected one IP address or CIDR network a line');
  }
  if (entry.includes('/')) {
    const network = parseNetwork(entry);
    if (!network) return bad(entry, 'not a CIDR network');
    // A /0 would flag every flow: always a mistake in a feed, never intel.
    if (network.bits === 0) return bad(entry, 'a network that covers every address');
    return { kind: 'network', entry, network };
  }
  const address = parseAddress(entry);
  if (!address) return bad(entry, 'not an IP address or CIDR network');
  return { kind: 'address', entry, address };
}

function stripComment(raw: string): string {
  const hash = raw.indexOf('#');
  const semi = raw.indexOf(';');
  const cut = hash < 0 ? semi : semi < 0 ? hash : Math.min(hash, semi);
  return cut < 0 ? raw : raw.slice(0, cut);
}

function bad(entry: string, reason: string): IntelLine {
  return { kind: 'bad', message: `${reason}: '${quote(entry)}'` };
}

/** Evidence-supplied text quoted in a message: control characters shown, length capped. */
export function quote(text: string): string {
  const clipped = text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text;
  return clipped.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16)}`);
}
