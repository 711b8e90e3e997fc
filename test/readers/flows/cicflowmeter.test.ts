import { describe, expect, it } from 'vitest';
import { cicflowmeter } from '../../../src/readers/flows/cicflowmeter.js';
import { inferCicClock, parseCicTime } from '../../../src/readers/flows/cic-time.js';
import { headOf, readWith } from './helpers.js';

const FULL =
  'Flow ID,Source IP,Source Port,Destination IP,Destination Port,Protocol,Timestamp,' +
  'Flow Duration,Total Fwd Packets,Total Backward Packets,Total Length of Fwd Packets,' +
  'Total Length of Bwd Packets,Flow Bytes/s,Label';
const SPACED =
  'Flow ID, Source IP, Source Port, Destination IP, Destination Port, Protocol, Timestamp,' +
  ' Flow Duration, Total Fwd Packets, Total Backward Packets,Total Length of Fwd Packets,' +
  ' Total Length of Bwd Packets,Flow Bytes/s, Label';
const ABBREV =
  'Flow ID,Src IP,Src Port,Dst IP,Dst Port,Protocol,Timestamp,Flow Duration,Tot Fwd Pkts,' +
  'Tot Bwd Pkts,TotLen Fwd Pkts,TotLen Bwd Pkts,Flow Byts/s,Label';
const PYTHON =
  'src_ip,dst_ip,src_port,dst_port,protocol,timestamp,flow_duration,flow_byts_s,' +
  'tot_fwd_pkts,tot_bwd_pkts,label';

const ROW =
  'f1,192.0.2.10,51514,198.51.100.20,80,6,31/03/2015 08:32:22,120345,6,5,420,1200,13461.3,BENIGN';

describe('cicflowmeter sniff', () => {
  it.each([
    { name: 'full names', header: FULL, want: true },
    { name: 'CIC-IDS2017 leading spaces', header: SPACED, want: true },
    { name: '2018 abbreviated', header: ABBREV, want: true },
    { name: 'python-cicflowmeter', header: PYTHON, want: true },
    { name: 'nfdump', header: 'ts,te,td,sa,da,sp,dp,pr', want: false },
    { name: 'no flow duration', header: 'Source IP,Destination IP,Label', want: false },
    { name: 'one column', header: 'Flow Duration', want: false },
  ])('$name → $want', ({ header, want }) => {
    expect(cicflowmeter.sniff(headOf(`${header}\n1,2,3\n`))).toBe(want);
  });
});

describe('cicflowmeter read', () => {
  it.each([
    { name: 'full names', header: FULL },
    { name: 'leading spaces', header: SPACED },
    { name: 'abbreviated', header: ABBREV },
  ])('maps the $name dialect', async ({ header }) => {
    const { flows, records, skipped } = await readWith(cicflowmeter, `${header}\n${ROW}\n`);
    expect(skipped).toEqual([]);
    expect(records).toBe(1);
    expect(flows[0]).toMatchObject({
      time: '2015-03-31T08:32:22Z',
      source: { path: 'flows.csv', line: 2 },
      src: '192.0.2.10',
      srcPort: 51514,
      dst: '198.51.100.20',
      dstPort: 80,
      proto: 'tcp',
      packetsOut: 6,
      packetsIn: 5,
      bytesOut: 420,
      bytesIn: 1200,
      duration: 0.120345,
      label: 'BENIGN',
    });
  });

  it('reads python-cicflowmeter rows, whose bytes are not exported', async () => {
    const row =
      '192.0.2.111,203.0.113.66,52001,4444,6,2024-03-01 10:50:05,30000000.0,8533.3,20,16,C2';
    const text = `${PYTHON}\r\n${row}\r\n`;
    const { flows } = await readWith(cicflowmeter, text);
    expect(flows[0]).toMatchObject({
      time: '2024-03-01T10:50:05Z',
      dstPort: 4444,
      duration: 30,
      packetsOut: 20,
      bytesOut: null,
      label: 'C2',
    });
    expect(flows[0]!.notes).toBeUndefined();
  });

  it('keeps rows whose rates are Infinity or NaN', async () => {
    const rows = [
      'f,192.0.2.21,50000,198.51.100.30,53,17,31/03/2015 09:00:00,0,2,0,96,0,Infinity,BENIGN',
      'f,192.0.2.22,50001,198.51.100.31,443,6,31/03/2015 09:01:00,NaN,1,0,0,0,NaN,BENIGN',
    ];
    const { flows, skipped } = await readWith(cicflowmeter, [FULL, ...rows].join('\n'));
    expect(skipped).toEqual([]);
    expect(flows.map((f) => [f.proto, f.duration, f.bytesOut])).toEqual([
      ['udp', 0, 96],
      ['tcp', null, 0],
    ]);
  });

  it('uses the first of two columns with one name, and says so', async () => {
    const header = 'Source IP,Destination IP,Flow Duration,Label,Label';
    const text = `${header}\n10.0.0.1,10.0.0.2,5,BENIGN,BENIGN\n10.0.0.1,10.0.0.2,5,BENIGN,DoS\n`;
    const { flows, warnings } = await readWith(cicflowmeter, text);
    expect(flows.map((f) => f.label)).toEqual(['BENIGN', 'BENIGN']);
    expect(warnings).toEqual([
      { where: 1, message: "header 'Label' appears at columns 4 and 5; the first is used" },
      {
        where: 3,
        message: "columns 4 and 5 ('Label') disagree: 'BENIGN' and 'DoS'; the first is used",
      },
    ]);
  });

  it('writes IPv6 canonically and unmaps IPv4-mapped addresses', async () => {
    const row =
      'f,2001:0DB8:0:0:0:0:0:0050,1,::ffff:192.0.2.9,2,17,31/03/2015 08:00:00,1,1,1,1,1,1,x';
    const { flows } = await readWith(cicflowmeter, `${FULL}\n${row}\n`);
    expect([flows[0]!.src, flows[0]!.dst]).toEqual(['2001:db8::50', '192.0.2.9']);
  });

  it.each([
    { name: 'a bad address', row: ROW.replace('192.0.2.10', '192.0.2.300'), why: /Source IP/ },
    { name: 'a missing field', row: ROW.replace(',BENIGN', ''), why: /13 fields where the header/ },
    { name: 'a bad port', row: ROW.replace('51514', 'http'), why: /Source Port.*port/ },
    { name: 'a bad count', row: ROW.replace(',6,5,', ',six,5,'), why: /Total Fwd Packets/ },
    { name: 'a bad time', row: ROW.replace('31/03/2015', '31/13/2015'), why: /Timestamp/ },
    { name: 'a broken quote', row: `"${ROW}`, why: /not a CSV record/ },
  ])('skips and locates a row with $name', async ({ row, why }) => {
    const text = `${FULL}\n${ROW}\n${row}\n${ROW}\n`;
    const { flows, records, skipped } = await readWith(cicflowmeter, text);
    expect(flows.map((f) => f.source)).toEqual([
      { path: 'flows.csv', line: 2 },
      { path: 'flows.csv', line: 4 },
    ]);
    expect(records).toBe(2);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.where).toBe(3);
    expect(skipped[0]!.message).toMatch(why);
  });

  it('reads rows a spreadsheet padded with empty fields', async () => {
    const text = `${FULL},,\n${ROW},,\n${ROW}, \n${ROW}\n`;
    const { flows, skipped } = await readWith(cicflowmeter, text);
    expect(skipped).toEqual([]);
    expect(flows.map((f) => f.label)).toEqual(['BENIGN', 'BENIGN', 'BENIGN']);
  });

  it('passes over a repeated header and blank lines', async () => {
    const text = `${FULL}\n${ROW}\n\n${FULL}\n${ROW}\n`;
    const { flows, warnings, skipped } = await readWith(cicflowmeter, text);
    expect(flows).toHaveLength(2);
    expect(skipped).toEqual([]);
    expect(warnings).toEqual([{ where: 4, message: 'repeated header line passed over' }]);
  });
});

describe('CICFlowMeter timestamps', () => {
  const open = inferCicClock(null);
  const BOTH = ['ambiguous-date', 'ambiguous-12h-clock'];
  it.each([
    { raw: '07/02/2018 03:59:04', iso: '2018-02-07T03:59:04Z', notes: BOTH },
    { raw: '31/03/2015 08:32:22', iso: '2015-03-31T08:32:22Z', notes: ['ambiguous-12h-clock'] },
    { raw: '3/7/2017 8:55', iso: '2017-07-03T08:55:00Z', notes: BOTH },
    { raw: '5/5/2017 13:05', iso: '2017-05-05T13:05:00Z', notes: [] },
    { raw: '07/02/2018 08:30:05 AM', iso: '2018-02-07T08:30:05Z', notes: ['ambiguous-date'] },
    { raw: '07/02/2018 12:30:05 AM', iso: '2018-02-07T00:30:05Z', notes: ['ambiguous-date'] },
    { raw: '07/02/2018 01:30:05 pm', iso: '2018-02-07T13:30:05Z', notes: ['ambiguous-date'] },
    { raw: '2/14/2018 9:00:01.5', iso: '2018-02-14T09:00:01.5Z', notes: ['ambiguous-12h-clock'] },
    { raw: '2024-03-01 10:50:00', iso: '2024-03-01T10:50:00Z', notes: [] },
    { raw: '', iso: null, notes: [] },
  ])('$raw', ({ raw, iso, notes }) => {
    const got = parseCicTime(raw, open, 'Timestamp');
    expect(got.time?.iso ?? null).toBe(iso);
    expect(got.notes).toEqual(notes);
  });

  it.each([
    { raw: '31/31/2017 08:00' },
    { raw: '30/02/2017 08:00' },
    { raw: '07/02/2018 13:00:00 PM' },
    { raw: '07/02/2018 24:00' },
    { raw: 'yesterday' },
  ])('rejects $raw', ({ raw }) => {
    expect(() => parseCicTime(raw, open, 'Timestamp')).toThrow(/Timestamp/);
  });

  it.each([
    {
      name: 'a day over 12 settles day-first',
      head: 'x,31/03/2015 08:32:22\nx,07/03/2015 14:00:00',
      raw: '07/03/2015 14:00:00',
      iso: '2015-03-07T14:00:00Z',
    },
    {
      name: 'a month position over 12 settles month-first',
      head: 'x,3/31/2015 8:32\nx,7/3/2015 19:00',
      raw: '7/3/2015 9:00',
      iso: '2015-07-03T09:00:00Z',
    },
  ])('the file head: $name', ({ head, raw, iso }) => {
    const got = parseCicTime(raw, inferCicClock(head), 'Timestamp');
    expect(got.time?.iso).toBe(iso);
    expect(got.notes).not.toContain('ambiguous-date');
    expect(got.notes).not.toContain('ambiguous-12h-clock');
  });
});
