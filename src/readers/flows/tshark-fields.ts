import type { Readable } from 'node:stream';
import type { Head } from '../../evidence/open.js';
import type { ReadContext, Reader } from '../reader.js';
import { sniffHeader, type CsvHeader } from './csv-header.js';
import { csvRows } from './csv-rows.js';
import { PacketFlows, type Packet } from './packet-flows.js';
import { Cells, resolve, type ColumnMap } from './read-rows.js';
import { quote } from '../../intel/list.js';
import { FieldError } from './values.js';
import * as v from './values.js';

/**
 * tshark per-packet field exports (https://www.wireshark.org/docs/man-pages/tshark.html),
 * one packet a row, with IPv4 and IPv6 in separate columns:
 *   frame.time_epoch,ip.src,ipv6.src,tcp.srcport,ip.dst,ipv6.dst,tcp.dstport
 *   1709289000.000000000,192.0.2.50,,50800,203.0.113.66,,443
 * Packets are grouped into flows (see packet-flows.ts): one packet is not a
 * flow. Each packet is a record. A field that occurs more than once
 * ("10.0.0.1,192.0.2.7" for a tunnelled packet, with `-E quote=d`) is
 * read by its first, outer occurrence.
 */
export const TSHARK_EXPORT =
  'tshark -r capture.pcap -T fields -E header=y -E separator=, -E quote=d ' +
  '-e frame.time_epoch -e frame.len -e ip.src -e ipv6.src -e ip.dst -e ipv6.dst ' +
  '-e ip.proto -e ipv6.nxt -e tcp.srcport -e tcp.dstport -e udp.srcport -e udp.dstport';

const COLUMNS = {
  time: ['frame.time_epoch'],
  bytes: ['frame.len'],
  src4: ['ip.src'],
  src6: ['ipv6.src'],
  dst4: ['ip.dst'],
  dst6: ['ipv6.dst'],
  proto4: ['ip.proto'],
  proto6: ['ipv6.nxt'],
  tcpSrc: ['tcp.srcport'],
  tcpDst: ['tcp.dstport'],
  udpSrc: ['udp.srcport'],
  udpDst: ['udp.dstport'],
  sctpSrc: ['sctp.srcport'],
  sctpDst: ['sctp.dstport'],
};

type Key = keyof typeof COLUMNS;

/** Protocol layers of a packet export; any other field makes rows messages, not packets. */
const PACKET_LAYERS = new Set(['frame', 'eth', 'sll', 'vlan', 'ip', 'ipv6', 'tcp', 'udp', 'sctp']);
const FIELD_NAME = /^[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+$/i;

export const tsharkFields: Reader = {
  id: 'tshark-fields',
  description: 'tshark per-packet field export (CSV or TSV), grouped into flows',
  exportCommand: `${TSHARK_EXPORT} > packets.csv`,
  sniff: (head) => {
    const found = tsharkHeader(head);
    return found !== null && isPacketExport(found.header);
  },
  read,
};

/** The header of a tshark field export and its separator (comma or tab), or null. */
export function tsharkHeader(head: Head): { header: CsvHeader; separator: string } | null {
  for (const separator of [',', '\t']) {
    const header = sniffHeader(head.text, separator);
    if (!header || !header.names.every((n) => FIELD_NAME.test(n))) continue;
    const addressed = header.has('ip.src', 'ipv6.src') && header.has('ip.dst', 'ipv6.dst');
    if (addressed) return { header, separator };
  }
  return null;
}

export function isPacketExport(header: CsvHeader): boolean {
  if (!header.has('frame.time_epoch')) return false;
  return header.names.every((n) => PACKET_LAYERS.has(n.slice(0, n.indexOf('.')).toLowerCase()));
}

async function* read(content: Readable, ctx: ReadContext, head: Head) {
  const separator = tsharkHeader(head)?.separator ?? ',';
  const flows = new PacketFlows(ctx.path);
  let nonIp = 0;
  let columns: ColumnMap<Key> | null = null;
  for await (const { header, rows } of csvRows(content, ctx, { separator })) {
    columns ??= resolve(header, COLUMNS, ['time']);
    for (const row of rows) {
      const packet = parsePacket(new Cells(row, columns), ctx);
      if (packet === 'non-ip') nonIp += 1;
      if (packet !== null && packet !== 'non-ip') yield* flows.add(packet);
    }
  }
  yield* flows.drain();
  closingWarnings(ctx, nonIp, flows.evicted);
}

function parsePacket(c: Cells<Key>, ctx: ReadContext): Packet | 'non-ip' | null {
  try {
    const packet = toPacket(c);
    ctx.record();
    return packet;
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    ctx.skip(c.row.line, error.message);
    return null;
  }
}

function toPacket(c: Cells<Key>): Packet | 'non-ip' {
  const srcRaw = first(c.raw('src4')) || first(c.raw('src6'));
  const dstRaw = first(c.raw('dst4')) || first(c.raw('dst6'));
  if (!srcRaw && !dstRaw) return 'non-ip';
  if (!srcRaw) throw new FieldError('no source address (ip.src, ipv6.src)');
  if (!dstRaw) throw new FieldError('no destination address (ip.dst, ipv6.dst)');
  const epoch = c.get('time', epochSeconds);
  const proto = protocolOf(c);
  const [sp, dp] = portColumns(proto);
  return {
    line: c.row.line,
    epoch,
    ms: Number(epoch) * 1000,
    src: v.address(srcRaw, c.raw('src4') ? 'ip.src' : 'ipv6.src'),
    dst: v.address(dstRaw, c.raw('dst4') ? 'ip.dst' : 'ipv6.dst'),
    srcPort: sp ? v.port(first(c.raw(sp)), c.name(sp)) : null,
    dstPort: dp ? v.port(first(c.raw(dp)), c.name(dp)) : null,
    proto,
    bytes: c.get('bytes', (raw, column) => (raw === undefined ? null : v.count(raw, column))),
  };
}

/**
 * The protocol from ip.proto or ipv6.nxt; when neither names one (no such
 * column, or an IPv6 extension header such as 43), from the transport
 * columns that are filled.
 */
function protocolOf(c: Cells<Key>): string | null {
  const named = v.proto(first(c.raw('proto4')) || first(c.raw('proto6')), 'ip.proto');
  if (named !== null && !/^\d+$/.test(named)) return named;
  if (c.raw('tcpSrc') || c.raw('tcpDst')) return 'tcp';
  if (c.raw('udpSrc') || c.raw('udpDst')) return 'udp';
  if (c.raw('sctpSrc') || c.raw('sctpDst')) return 'sctp';
  return named;
}

function portColumns(proto: string | null): [Key | null, Key | null] {
  if (proto === 'tcp') return ['tcpSrc', 'tcpDst'];
  if (proto === 'udp') return ['udpSrc', 'udpDst'];
  if (proto === 'sctp') return ['sctpSrc', 'sctpDst'];
  return [null, null];
}

/** frame.time_epoch: seconds since 1970, up to nine decimals. Example: "1796312048.716377000". */
function epochSeconds(raw: string | undefined, column: string): string {
  const text = (raw ?? '').trim();
  if (!/^\d{1,11}(?:\.\d{1,9})?$/.test(text)) {
    throw new FieldError(`column '${column}': '${quote(text)}' is not epoch seconds`);
  }
  return text;
}

function first(raw: string | undefined): string {
  if (!raw) return '';
  const comma = raw.indexOf(',');
  return (comma < 0 ? raw : raw.slice(0, comma)).trim();
}

function closingWarnings(ctx: ReadContext, nonIp: number, evicted: number): void {
  if (nonIp > 0) {
    ctx.warn(null, `${nonIp} packets carry no IP address (ARP or other non-IP) and join no flow`);
  }
  if (evicted > 0) {
    ctx.warn(
      null,
      `${evicted} flows were closed early because too many were open at once; ` +
        'their later packets start new flows',
    );
  }
}
