import type { Readable } from 'node:stream';
import type { Head } from '../../evidence/open.js';
import type { FlowObservation } from '../../model/observation.js';
import type { ReadContext, Reader } from '../reader.js';
import { inferCicClock, parseCicTime, type CicClock } from './cic-time.js';
import { sniffHeader } from './csv-header.js';
import { csvRows } from './csv-rows.js';
import { endpointFields } from './endpoints.js';
import { flowAt } from './flow.js';
import { readRows, type Cells } from './read-rows.js';
import * as v from './values.js';

/**
 * CICFlowMeter CSV (https://github.com/ahlashkari/CICFlowMeter): one
 * bidirectional flow a row, "Fwd" being what the first packet's sender
 * sent. Three header dialects name the same columns:
 *   full names      "Source IP, Source Port, …, Total Fwd Packets, …"
 *   CIC-IDS2017     the same with leading spaces (" Source IP")
 *   2018 abbreviated "Src IP, Src Port, …, Tot Fwd Pkts, TotLen Fwd Pkts, …"
 * and python-cicflowmeter writes snake case ("src_ip", "tot_fwd_pkts").
 * Flow Duration is in microseconds; rates of zero-length flows are
 * "Infinity" or "NaN", which only matter to columns this reader does not
 * map (detectors derive rates from bytes and duration).
 */
const COLUMNS = {
  src: ['Source IP', 'Src IP'],
  srcPort: ['Source Port', 'Src Port'],
  dst: ['Destination IP', 'Dst IP'],
  dstPort: ['Destination Port', 'Dst Port'],
  proto: ['Protocol'],
  time: ['Timestamp'],
  duration: ['Flow Duration'],
  packetsOut: ['Total Fwd Packets', 'Tot Fwd Pkts', 'Total Fwd Packet'],
  packetsIn: ['Total Backward Packets', 'Tot Bwd Pkts', 'Total Bwd Packets'],
  bytesOut: ['Total Length of Fwd Packets', 'TotLen Fwd Pkts', 'Total Length of Fwd Packet'],
  bytesIn: ['Total Length of Bwd Packets', 'TotLen Bwd Pkts', 'Total Length of Bwd Packet'],
  label: ['Label'],
};

type Row = Cells<keyof typeof COLUMNS>;

export const cicflowmeter: Reader = {
  id: 'cicflowmeter',
  description: 'CICFlowMeter flow CSV (2017, 2018 and python-cicflowmeter column sets)',
  exportCommand: 'cfm capture.pcap out/   (or: cicflowmeter -f capture.pcap -c flows.csv)',
  sniff,
  read,
};

function sniff(head: Head): boolean {
  const header = sniffHeader(head.text);
  if (!header) return false;
  const { src, dst, duration } = COLUMNS;
  return header.has(...src) && header.has(...dst) && header.has(...duration);
}

function read(content: Readable, ctx: ReadContext, head: Head): AsyncGenerator<FlowObservation> {
  const clock = inferCicClock(head.text);
  const rows = csvRows(content, ctx);
  return readRows(rows, ctx, COLUMNS, ['src', 'dst'], (cells) => toFlow(ctx.path, cells, clock));
}

function toFlow(path: string, c: Row, clock: CicClock): FlowObservation {
  const { time, notes } = c.get('time', (raw, column) => parseCicTime(raw, clock, column));
  return flowAt(path, c.row.line, {
    time,
    notes,
    ...endpointFields(c),
    duration: c.get('duration', v.micros),
  });
}
