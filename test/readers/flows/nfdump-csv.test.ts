import { describe, expect, it } from 'vitest';
import { nfdumpCsv } from '../../../src/readers/flows/nfdump-csv.js';
import { essence, headOf, readWith } from './helpers.js';

/** The `nfdump -o csv` header up to 1.7.4 (48 columns). */
const LEGACY =
  'ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,opkt,obyt,in,out,sas,das,smk,dmk,dtos,dir,' +
  'nh,nhb,svln,dvln,ismc,odmc,idmc,osmc,mpls1,mpls2,mpls3,mpls4,mpls5,mpls6,mpls7,mpls8,' +
  'mpls9,mpls10,cl,sl,al,ra,eng,exid,tr';

/** The 33 routing columns after the flow's own, as nfdump fills them for softflowd. */
const TAIL =
  '0,0,0,0,0,0,0,0,0.0.0.0,0.0.0.0,0,0,00:00:00:00:00:00,00:00:00:00:00:00,' +
  '00:00:00:00:00:00,00:00:00:00:00:00,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,' +
  '0-0-0,0-0-0,    0.000,    0.000,    0.000,127.0.0.1,0/0,1,2026-12-03 15:38:02.065';

interface Legacy {
  ts: string;
  td: string;
  sa: string;
  da: string;
  sp: string;
  dp: string;
  pr: string;
  ipkt: string;
  ibyt: string;
  opkt: string;
  obyt: string;
}

const BASE: Legacy = {
  ts: '2026-12-03 15:34:16',
  td: '0.000',
  sa: '10.0.0.1',
  da: '10.0.0.2',
  sp: '1',
  dp: '2',
  pr: 'TCP',
  ipkt: '1',
  ibyt: '40',
  opkt: '0',
  obyt: '0',
};

/** One legacy row. Example: legacy({ dp: '4444' }). */
function legacy(over: Partial<Legacy> = {}): string {
  const f = { ...BASE, ...over };
  const flow = [f.ts, f.ts, f.td, f.sa, f.da, f.sp, f.dp, f.pr, '...AP.SF', 0, 0];
  return [...flow, f.ipkt, f.ibyt, f.opkt, f.obyt, TAIL].join(',');
}

const SUMMARY =
  'Summary\nflows,bytes,packets,avg_bps,avg_pps,avg_bpp\n2,1381379,2611,192822,45,529\n';

/** nfdump 1.7.5 names its columns. */
const NAMED =
  'firstSeen,lastSeen,duration,srcAddr,dstAddr,srcPort,dstPort,proto,flags,fwdStatus,' +
  'srcTos,inPackets,inBytes,outPackets,outBytes';

const FAST =
  'cnt,af,firstSeen,lastSeen,proto,srcAddr,srcPort,dstAddr,dstPort,srcAS,dstAS,input,output,' +
  'flags,srcTos,packets,bytes';

describe('nfdump-csv sniff', () => {
  it.each([
    { name: 'legacy header', header: LEGACY, want: true },
    { name: '1.7.5 names', header: NAMED, want: true },
    { name: 'csv-fast', header: FAST, want: true },
    { name: 'argus', header: 'StartTime,Proto,SrcAddr,Sport,Dir,DstAddr,Dport', want: false },
    { name: 'CICFlowMeter', header: 'Src IP,Dst IP,Flow Duration', want: false },
  ])('$name → $want', ({ header, want }) => {
    expect(nfdumpCsv.sniff(headOf(`${header}\n`))).toBe(want);
  });
});

describe('nfdump-csv read', () => {
  it('reads the legacy header and stops at the summary', async () => {
    const upload = legacy({
      ts: '2026-12-03 15:35:05',
      td: '1.250',
      sa: '10.0.0.5',
      da: '203.0.113.66',
      sp: '51150',
      dp: '4444',
      ipkt: '900',
      ibyt: '2000000',
      opkt: '410',
      obyt: '22100',
    });
    const text = `${LEGACY}\n${legacy()}\n${upload}\n${SUMMARY}`;
    const { flows, records, skipped } = await readWith(nfdumpCsv, text);
    expect(records).toBe(2);
    expect(skipped).toEqual([]);
    expect(essence(flows[1]!)).toEqual({
      time: '2026-12-03T15:35:05Z',
      src: '10.0.0.5',
      srcPort: 51150,
      dst: '203.0.113.66',
      dstPort: 4444,
      proto: 'tcp',
      bytesOut: 2000000,
      bytesIn: 22100,
      packetsOut: 900,
      packetsIn: 410,
      duration: 1.25,
      label: null,
    });
  });

  it('reads the 1.7.5 header with milliseconds and protocol numbers', async () => {
    const row =
      '2026-12-03 15:34:16.734,2026-12-03 15:34:16.735,0.001,::ffff:10.0.0.1,2001:db8::1,' +
      '5353,53,17,........,0,0,1,60,1,120';
    const { flows } = await readWith(nfdumpCsv, `${NAMED}\n${row}\n`);
    expect(flows[0]).toMatchObject({
      time: '2026-12-03T15:34:16.734Z',
      src: '10.0.0.1',
      dst: '2001:db8::1',
      proto: 'udp',
      bytesOut: 60,
      bytesIn: 120,
    });
  });

  it('reads csv-fast epoch milliseconds', async () => {
    const row =
      '1,2,1796312056734,1796312056735,6,192.0.2.1,40000,198.51.100.2,443,0,0,0,0,...A....,0,3,180';
    const { flows } = await readWith(nfdumpCsv, `${FAST}\n${row}\n`);
    expect(flows[0]).toMatchObject({
      time: '2026-12-03T15:34:16.734Z',
      proto: 'tcp',
      packetsOut: 3,
      bytesOut: 180,
      packetsIn: null,
    });
  });

  it('gives ICMP flows no ports, whatever nfdump wrote there', async () => {
    const row = legacy({ sp: '0', dp: '8.0', pr: 'ICMP' });
    const { flows, skipped } = await readWith(nfdumpCsv, `${LEGACY}\n${row}\n`);
    expect(skipped).toEqual([]);
    expect(flows[0]).toMatchObject({ proto: 'icmp', srcPort: null, dstPort: null });
  });

  it('reads nothing after the summary, and counts none of it', async () => {
    const text = `${LEGACY}\n${legacy()}\n${SUMMARY}${legacy()}\n`;
    const { flows, records, skipped, warnings } = await readWith(nfdumpCsv, text);
    expect([flows.length, records, skipped.length, warnings.length]).toEqual([1, 1, 0, 0]);
  });

  it.each([
    { name: 'a zero time', ts: '0000-00-00 00:00:00.000', time: null },
    { name: 'an epoch with decimals', ts: '1796312056.734', time: '2026-12-03T15:34:16.734Z' },
    { name: 'a slashed date', ts: '2026/12/03.15:34:16', time: '2026-12-03T15:34:16Z' },
  ])('reads $name', async ({ ts, time }) => {
    const { flows } = await readWith(nfdumpCsv, `${LEGACY}\n${legacy({ ts })}\n`);
    expect(flows[0]!.time).toBe(time);
  });

  it.each([
    { name: 'a hostname', over: { sa: 'host.example' }, why: /column 'sa'/ },
    { name: 'a port over 65535', over: { sp: '70000' }, why: /column 'sp'/ },
    { name: 'a negative count', over: { ipkt: '-1' }, why: /column 'ipkt'/ },
    { name: 'a bad time', over: { ts: 'soon' }, why: /column 'ts'/ },
    { name: 'a hostile protocol', over: { pr: '<b>' }, why: /column 'pr'/ },
    { name: 'a 30th of February', over: { ts: '2026-02-30 10:00:00' }, why: /column 'ts'/ },
  ])('skips and locates a row with $name', async ({ over, why }) => {
    const text = `${LEGACY}\n${legacy()}\n${legacy(over)}\n`;
    const { flows, skipped } = await readWith(nfdumpCsv, text);
    expect(flows).toHaveLength(1);
    expect(skipped).toEqual([{ where: 3, message: expect.stringMatching(why) }]);
  });
});
