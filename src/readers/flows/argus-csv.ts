import type { Readable } from 'node:stream';
import type { Head } from '../../evidence/open.js';
import type { FlowObservation } from '../../model/observation.js';
import type { ReadContext, Reader } from '../reader.js';
import { sniffHeader, type CsvHeader } from './csv-header.js';
import { csvRows, type CsvBatch } from './csv-rows.js';
import { endpointFields } from './endpoints.js';
import { flowAt } from './flow.js';
import { readRows, type Cells } from './read-rows.js';
import * as v from './values.js';

/**
 * Argus client output as CSV, `ra -c ,` (https://openargus.org/using-argus).
 * The default fields are "StartTime,Flgs,Proto,SrcAddr,Sport,Dir,DstAddr,
 * Dport,TotPkts,TotBytes,State"; `-s` adds SrcPkts/DstPkts and
 * SrcBytes/DstBytes. Fields are space padded (" e        ", "   ->").
 * StartTime follows RA_TIME_FORMAT: a time of day by default
 * ("15:37:59.966205"), epoch seconds with -u ("1796312279.966205"), or a
 * dated format ("2026-12-03 15:37:59"). Management records (Proto "man",
 * the probe's start and stop reports) are counted but are not flows.
 */
const COLUMNS = {
  start: ['StartTime', 'stime'],
  duration: ['Dur'],
  proto: ['Proto'],
  src: ['SrcAddr'],
  srcPort: ['Sport'],
  dst: ['DstAddr'],
  dstPort: ['Dport'],
  packetsOut: ['SrcPkts'],
  packetsIn: ['DstPkts'],
  bytesOut: ['SrcBytes'],
  bytesIn: ['DstBytes'],
  label: ['Label'],
};

type Row = Cells<keyof typeof COLUMNS>;

export const ARGUS_EXPORT =
  'ra -r FILE -n -u -c , ' +
  '-s stime ltime dur proto saddr sport dir daddr dport spkts dpkts sbytes dbytes state';

export const argusCsv: Reader = {
  id: 'argus-csv',
  description: 'Argus ra CSV output (ra -c ,)',
  exportCommand: `${ARGUS_EXPORT} > flows.csv`,
  sniff,
  read,
};

function sniff(head: Head): boolean {
  const header = sniffHeader(head.text);
  if (!header || header.has('firstSeen')) return false;
  return header.has('SrcAddr') && header.has('DstAddr') && header.has('StartTime', 'Proto');
}

/** Records worth a word that are counted and reported once per file, not one by one. */
interface Passed {
  timeOfDay: number;
  layer2: number;
}

const TIME_OF_DAY = /^\d{1,2}:\d\d:\d\d(?:\.\d+)?$/;
const MAC = /^[0-9a-f]{1,2}(?::[0-9a-f]{1,2}){5}$/i;

async function* read(content: Readable, ctx: ReadContext) {
  const passed: Passed = { timeOfDay: 0, layer2: 0 };
  const rows = warnTotalsOnly(csvRows(content, ctx), ctx);
  yield* readRows(rows, ctx, COLUMNS, ['src', 'dst', 'proto'], (c) => toFlow(ctx.path, c, passed));
  if (passed.timeOfDay > 0) {
    ctx.warn(
      null,
      `${passed.timeOfDay} flows have a time of day but no date, so they are undated; ` +
        `export epoch times with: ${ARGUS_EXPORT}`,
    );
  }
  if (passed.layer2 > 0) {
    ctx.warn(null, `${passed.layer2} layer-2 flows (MAC addresses, no IP) are not read as flows`);
  }
}

function toFlow(path: string, c: Row, passed: Passed): FlowObservation | null {
  if (c.raw('proto')?.trim() === 'man') return null;
  if (MAC.test(c.raw('src')?.trim() ?? '') || MAC.test(c.raw('dst')?.trim() ?? '')) {
    passed.layer2 += 1;
    return null;
  }
  const start = c.raw('start')?.trim() ?? '';
  const timeOfDay = TIME_OF_DAY.test(start);
  if (timeOfDay) passed.timeOfDay += 1;
  return flowAt(path, c.row.line, {
    time: timeOfDay ? null : c.get('start', v.flowTime),
    ...endpointFields(c),
    duration: c.get('duration', v.seconds),
  });
}

/**
 * NOTE: TotPkts and TotBytes add both directions, so they cannot fill the
 * per-direction counts; a file with only totals says so once.
 */
async function* warnTotalsOnly(batches: AsyncIterable<CsvBatch>, ctx: ReadContext) {
  let checked = false;
  for await (const batch of batches) {
    if (!checked) checkTotals(batch.header, ctx);
    checked = true;
    yield batch;
  }
}

function checkTotals(header: CsvHeader, ctx: ReadContext): void {
  if (header.has('SrcBytes') || !header.has('TotBytes')) return;
  ctx.warn(
    header.line,
    'only TotPkts and TotBytes: bytes and packets per direction are unknown; ' +
      `export them with: ${ARGUS_EXPORT}`,
  );
}
