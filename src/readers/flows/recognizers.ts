/**
 * Network formats stowaway knows but does not read (yet): files of them
 * are skipped with a reason that says what they are and how to export
 * something readable.
 */
import type { Head } from '../../evidence/open.js';
import type { Recognizer } from '../reader.js';
import { ARGUS_EXPORT } from './argus-csv.js';
import { isPacketExport, tsharkHeader, TSHARK_EXPORT } from './tshark-fields.js';
import { zeekJson, zeekTsv } from './zeek-recognizers.js';

const NFDUMP_CSV = 'export with nfdump -r FILE -o csv';

/**
 * pcap (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html):
 * magic A1B2C3D4 (microseconds) or A1B23C4D (nanoseconds), in either byte order.
 */
const PCAP_MAGIC = new Set([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1]);

export const pcap: Recognizer = {
  id: 'pcap',
  sniff: (head) => head.bytes.length >= 24 && PCAP_MAGIC.has(head.bytes.readUInt32BE(0)),
  reason: () => 'packet capture: derive flows with CICFlowMeter, Zeek, argus or nfdump first',
};

/**
 * pcapng (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-03.html):
 * a Section Header Block, type 0A0D0D0A, with the byte-order magic 1A2B3C4D at offset 8.
 */
export const pcapng: Recognizer = {
  id: 'pcapng',
  sniff: (head) =>
    head.bytes.length >= 12 &&
    head.bytes.readUInt32BE(0) === 0x0a0d0d0a &&
    [0x1a2b3c4d, 0x4d3c2b1a].includes(head.bytes.readUInt32BE(8)),
  reason: () =>
    'packet capture (pcapng): derive flows with CICFlowMeter, Zeek, argus or nfdump first',
};

/**
 * Argus binary files open with a management record (the top bit of the
 * first byte set) carrying the version cookie: E5617ACB (v2), E5712DCB
 * (v3) or E57150CB (v5).
 */
const ARGUS_COOKIES = new Set([0xe5617acb, 0xe5712dcb, 0xe57150cb]);

export const argusBinary: Recognizer = {
  id: 'argus-binary',
  sniff: (head) =>
    head.bytes.length >= 12 &&
    (head.bytes[0]! & 0x80) !== 0 &&
    [4, 8].some((at) => ARGUS_COOKIES.has(head.bytes.readUInt32BE(at))),
  reason: () => `Argus binary file: export it as CSV with ${ARGUS_EXPORT}`,
};

/**
 * nfcapd files start with the 16-bit magic A50C and a layout version (1 in
 * nfdump 1.6, 2 in 1.7), written in the host's byte order.
 */
export const nfcapd: Recognizer = {
  id: 'nfcapd',
  sniff: (head) => {
    if (head.bytes.length < 4) return false;
    const { bytes } = head;
    const le = bytes.readUInt16LE(0) === 0xa50c && [1, 2].includes(bytes.readUInt16LE(2));
    const be = bytes.readUInt16BE(0) === 0xa50c && [1, 2].includes(bytes.readUInt16BE(2));
    return le || be;
  },
  reason: () => `nfcapd binary: ${NFDUMP_CSV}`,
};

/** `nfdump -o json` and `-o ndjson`: objects with "type" : "FLOW" and "src4_addr"/"src6_addr". */
export const nfdumpJson: Recognizer = {
  id: 'nfdump-json',
  sniff: (head) =>
    head.text !== null &&
    /^\s*[[{]/.test(head.text) &&
    /"type"\s*:\s*"FLOW"/.test(head.text) &&
    /"(?:src4_addr|src6_addr|first)"\s*:/.test(head.text),
  reason: () => `nfdump JSON output: read by a later version; ${NFDUMP_CSV}`,
};

/** nfdump's text formats (line, long, extended) open with a "Date first seen" header. */
export const nfdumpText: Recognizer = {
  id: 'nfdump-text',
  sniff: (head) => head.text !== null && /^\s*Date (?:first seen|flow start)\s/.test(head.text),
  reason: () => `nfdump text output: read by a later version; ${NFDUMP_CSV}`,
};

/** `tshark -z conv,…` tables: "IPv4 Conversations", "Filter:<No Filter>", relative times. */
export const tsharkConversations: Recognizer = {
  id: 'tshark-conversations',
  sniff: (head) =>
    head.text !== null &&
    /^(?:Ethernet|IPv4|IPv6|TCP|UDP|SCTP) Conversations\s*$/m.test(head.text) &&
    /^Filter:/m.test(head.text),
  reason: () =>
    'tshark conversation table: read by a later version; it holds relative times only. ' +
    `Export packet fields instead: ${TSHARK_EXPORT}`,
};

/** tshark field exports that are not per-packet flows: application fields, or no epoch time. */
export const tsharkOtherFields: Recognizer = {
  id: 'tshark-fields-other',
  sniff: (head) => {
    const found = tsharkHeader(head);
    return found !== null && !isPacketExport(found.header);
  },
  reason: (head: Head) => {
    const header = tsharkHeader(head)?.header;
    if (header && !header.has('frame.time_epoch')) {
      return `tshark field export without frame.time_epoch; export with: ${TSHARK_EXPORT}`;
    }
    return (
      'tshark field export with application-layer fields (one row a message, not a packet): ' +
      `read by a later version. For flows, export packet fields: ${TSHARK_EXPORT}`
    );
  },
};

export const NETWORK_RECOGNIZERS: Recognizer[] = [
  pcap,
  pcapng,
  argusBinary,
  nfcapd,
  zeekTsv,
  zeekJson,
  nfdumpJson,
  nfdumpText,
  tsharkConversations,
  tsharkOtherFields,
];
