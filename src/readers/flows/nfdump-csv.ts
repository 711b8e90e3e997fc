import type { Readable } from 'node:stream';
import type { Head } from '../../evidence/open.js';
import type { FlowObservation } from '../../model/observation.js';
import type { ReadContext, Reader } from '../reader.js';
import { sniffHeader } from './csv-header.js';
import { csvRows } from './csv-rows.js';
import { endpointFields } from './endpoints.js';
import { flowAt } from './flow.js';
import { readRows, type Cells } from './read-rows.js';
import * as v from './values.js';

/**
 * `nfdump -o csv` (https://github.com/phaag/nfdump). Up to 1.7.4 the header
 * uses the format tokens ("ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,
 * opkt,obyt,…"); 1.7.5 names them ("firstSeen,lastSeen,duration,srcAddr,
 * dstAddr,srcPort,dstPort,proto,…,inPackets,inBytes,outPackets,outBytes"),
 * and `-o csv-fast` writes epoch milliseconds and protocol numbers
 * ("cnt,af,firstSeen,lastSeen,proto,srcAddr,srcPort,dstAddr,dstPort,…,
 * packets,bytes"). "in" counters are what the source sent; "out" counters
 * are the reverse direction of bidirectional (NSEL) flows, 0 otherwise.
 * Older versions end with a summary that is not flows:
 *   Summary
 *   flows,bytes,packets,avg_bps,avg_pps,avg_bpp
 *   2147,1381379,2611,192822,45,529
 */
const COLUMNS = {
  start: ['ts', 'firstSeen'],
  duration: ['td', 'duration'],
  src: ['sa', 'srcAddr'],
  srcPort: ['sp', 'srcPort'],
  dst: ['da', 'dstAddr'],
  dstPort: ['dp', 'dstPort'],
  proto: ['pr', 'proto'],
  packetsOut: ['ipkt', 'inPackets', 'packets', 'pkt'],
  bytesOut: ['ibyt', 'inBytes', 'bytes', 'byt'],
  packetsIn: ['opkt', 'outPackets'],
  bytesIn: ['obyt', 'outBytes'],
  label: ['label', 'lbl'],
};

type Row = Cells<keyof typeof COLUMNS>;

export const nfdumpCsv: Reader = {
  id: 'nfdump-csv',
  description: 'nfdump CSV output (legacy and 1.7.x headers, csv-fast)',
  exportCommand: 'nfdump -R /var/cache/nfdump -o csv > flows.csv',
  sniff,
  read,
};

function sniff(head: Head): boolean {
  const header = sniffHeader(head.text);
  if (!header) return false;
  return (
    (header.has('ts') && header.has('sa') && header.has('da')) ||
    (header.has('firstSeen') && header.has('srcAddr') && header.has('dstAddr'))
  );
}

function isSummary(fields: string[]): boolean {
  return fields.length === 1 && fields[0]!.trim().startsWith('Summary');
}

function read(content: Readable, ctx: ReadContext): AsyncGenerator<FlowObservation> {
  const rows = csvRows(content, ctx, { isTrailer: isSummary });
  return readRows(rows, ctx, COLUMNS, ['src', 'dst'], (cells) => toFlow(ctx.path, cells));
}

function toFlow(path: string, c: Row): FlowObservation {
  return flowAt(path, c.row.line, {
    time: c.get('start', v.flowTime),
    ...endpointFields(c),
    duration: c.get('duration', v.seconds),
  });
}
