import { describe, expect, it } from 'vitest';
import { argusCsv } from '../../../src/readers/flows/argus-csv.js';
import { NotThisFormat } from '../../../src/readers/reader.js';
import { essence, headOf, readWith } from './helpers.js';

const HEADER =
  'StartTime,LastTime,Dur,Flgs,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,SrcPkts,DstPkts,' +
  'SrcBytes,DstBytes,State';
const START =
  '2026-12-03 15:37:59,2026-12-03 15:37:59,0.001716,          ,man,0,0,,0,0,0,0,0,0,STA';
const STOP =
  '2026-12-03 15:38:00,2026-12-03 15:37:59,1.006863,          ,man,0,0,,999,1,0,1089,0,0,STP';
const FLOW =
  '2026-12-03 15:34:08,2026-12-03 15:34:08,0.009636, e        ,tcp,::1,53128,   ->,::1,8001,' +
  '6,0,613,0,FIN';
const DEFAULTS = 'StartTime,Flgs,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,TotPkts,TotBytes,State';

describe('argus-csv sniff', () => {
  it.each([
    { name: 'ra -s with directions', header: HEADER, want: true },
    { name: 'ra defaults', header: DEFAULTS, want: true },
    { name: 'padded names', header: '  StartTime,  Proto,   SrcAddr,   DstAddr', want: true },
    { name: 'nfdump 1.7.5', header: 'firstSeen,lastSeen,srcAddr,dstAddr,proto', want: false },
    { name: 'no addresses', header: 'StartTime,Proto,Sport,Dport', want: false },
  ])('$name → $want', ({ header, want }) => {
    expect(argusCsv.sniff(headOf(`${header}\n`))).toBe(want);
  });
});

describe('argus-csv read', () => {
  it('counts management records without emitting them or warning', async () => {
    const text = [HEADER, START, FLOW, STOP].join('\n');
    const { flows, records, warnings } = await readWith(argusCsv, text);
    expect(records).toBe(3);
    expect(warnings).toEqual([]);
    expect(flows).toHaveLength(1);
    expect(essence(flows[0]!)).toEqual({
      time: '2026-12-03T15:34:08Z',
      src: '::1',
      srcPort: 53128,
      dst: '::1',
      dstPort: 8001,
      proto: 'tcp',
      bytesOut: 613,
      bytesIn: 0,
      packetsOut: 6,
      packetsIn: 0,
      duration: 0.009636,
      label: null,
    });
    expect(flows[0]!.source).toEqual({ path: 'flows.csv', line: 3 });
  });

  it.each([
    { name: 'epoch (ra -u)', start: '1796312048.716377', time: '2026-12-03T15:34:08.716377Z' },
    { name: 'a dated format', start: '2026/12/03.15:34:08.5', time: '2026-12-03T15:34:08.5Z' },
  ])('reads $name', async ({ start, time }) => {
    const row = FLOW.replace('2026-12-03 15:34:08,', `${start},`);
    const { flows } = await readWith(argusCsv, `${HEADER}\n${row}\n`);
    expect(flows[0]!.time).toBe(time);
  });

  it('leaves time-of-day flows undated and says so once', async () => {
    const row = FLOW.replace('2026-12-03 15:34:08,', '15:34:08.716377,');
    const { flows, warnings } = await readWith(argusCsv, `${HEADER}\n${row}\n${row}\n`);
    expect(flows.map((f) => f.time)).toEqual([null, null]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/^2 flows have a time of day but no date.*ra -r FILE/);
  });

  it('reads the default fields, saying per-direction counts are unknown', async () => {
    const row = '15:34:08.716377, e        ,udp,192.0.2.7,5353,  <->,224.0.0.251,5353,5,900,CON';
    const { flows, warnings } = await readWith(argusCsv, `${DEFAULTS}\n${row}\n`);
    const want = { proto: 'udp', dstPort: 5353, bytesOut: null, packetsIn: null };
    expect(flows[0]).toMatchObject(want);
    expect(warnings.map((w) => [w.where, w.message.slice(0, 30)])).toEqual([
      [1, 'only TotPkts and TotBytes: byt'],
      [null, '1 flows have a time of day but'],
    ]);
  });

  it('drops ICMP type and id, written in hex', async () => {
    const icmp = ',icmp,10.0.0.1,0x0008,   ->,10.0.0.2,0x1c35,';
    const row = FLOW.replace(',tcp,::1,53128,   ->,::1,8001,', icmp);
    const { flows, skipped } = await readWith(argusCsv, `${HEADER}\n${row}\n`);
    expect(skipped).toEqual([]);
    expect(flows[0]).toMatchObject({ proto: 'icmp', srcPort: null, dstPort: null });
  });

  it('counts layer-2 flows and reports them once', async () => {
    const row = FLOW.replace('::1,53128', '0:c:29:ab:cd:ef,0')
      .replace('::1,8001', 'ff:ff:ff:ff:ff:ff,0')
      .replace(',tcp,', ',llc,');
    const { flows, records, warnings, skipped } = await readWith(argusCsv, `${HEADER}\n${row}`);
    expect([flows.length, records, skipped.length]).toEqual([0, 1, 0]);
    expect(warnings[0]!.message).toMatch(/^1 layer-2 flows/);
  });

  it.each([
    { name: 'a port name', row: FLOW.replace('53128', 'http'), why: /column 'Sport'/ },
    { name: 'a bad address', row: FLOW.replace('::1,53128', '::g,53128'), why: /column 'SrcAddr'/ },
    { name: 'a bad duration', row: FLOW.replace('0.009636', '-3'), why: /column 'Dur'/ },
    { name: 'too few fields', row: FLOW.replace(',FIN', ''), why: /14 fields/ },
  ])('skips and locates a row with $name', async ({ row, why }) => {
    const { flows, skipped } = await readWith(argusCsv, [HEADER, FLOW, row, FLOW].join('\n'));
    expect(flows).toHaveLength(2);
    expect(skipped).toEqual([{ where: 3, message: expect.stringMatching(why) }]);
  });

  it('gives the file up, naming the column its header lacks', async () => {
    const read = readWith(argusCsv, 'StartTime,SrcAddr,Sport,DstAddr\n1,10.0.0.1,1,10.0.0.2\n');
    await expect(read).rejects.toThrow(NotThisFormat);
    await expect(read).rejects.toThrow('a CSV header with no column for Proto');
  });
});
