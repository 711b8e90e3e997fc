import { describe, expect, it } from 'vitest';
import { IDLE_TIMEOUT_MS, MAX_OPEN_FLOWS } from '../../../src/readers/flows/packet-flows.js';
import { tsharkFields } from '../../../src/readers/flows/tshark-fields.js';
import { essence, headOf, readWith } from './helpers.js';

const HEADER =
  'frame.number,frame.time_epoch,frame.len,ip.src,ipv6.src,ip.dst,ipv6.dst,ip.proto,ipv6.nxt,' +
  'tcp.srcport,tcp.dstport,udp.srcport,udp.dstport';

interface Pkt {
  t: string;
  len: number | string;
  src: string;
  dst: string;
  proto: string;
  sport: string;
  dport: string;
}

const BASE: Pkt = {
  t: '1796312048.1',
  len: 60,
  src: '10.0.0.1',
  dst: '10.0.0.2',
  proto: '6',
  sport: '1',
  dport: '2',
};

/** One packet row, quoted the way `-E quote=d` writes it, IPv4 or IPv6 by the addresses. */
function packet(over: Partial<Pkt> = {}): string {
  const p = { ...BASE, ...over };
  const v6 = p.src.includes(':') || p.dst.includes(':');
  const addresses = v6 ? ['', p.src, '', p.dst] : [p.src, '', p.dst, ''];
  const protos = v6 ? ['', p.proto] : [p.proto, ''];
  const ports = p.proto === '17' ? ['', '', p.sport, p.dport] : [p.sport, p.dport, '', ''];
  const fields = ['1', p.t, String(p.len), ...addresses, ...protos, ...ports];
  return fields.map((f) => (f === '' ? '' : `"${f}"`)).join(',');
}

describe('tshark-fields sniff', () => {
  it.each([
    { name: 'comma separated packet fields', text: HEADER, want: true },
    { name: 'tab separated packet fields', text: HEADER.replaceAll(',', '\t'), want: true },
    {
      name: 'the edge-case column set',
      text: 'frame.time_epoch,ip.src,ipv6.src,tcp.srcport,ip.dst,ipv6.dst,tcp.dstport',
      want: true,
    },
    { name: 'HTTP fields', text: 'frame.time_epoch,ip.src,ip.dst,http.request.uri', want: false },
    { name: 'no epoch time', text: 'frame.number,ip.src,ip.dst', want: false },
    { name: 'a plain CSV', text: 'src,dst', want: false },
  ])('$name → $want', ({ text, want }) => {
    expect(tsharkFields.sniff(headOf(`${text}\n`))).toBe(want);
  });
});

describe('tshark-fields read', () => {
  it('joins both directions of a connection into one flow', async () => {
    const local = { src: '127.0.0.1', dst: '127.0.0.1' };
    const rows = [
      packet({ ...local, t: '1796312048.716402000', len: 74, sport: '60014', dport: '8000' }),
      packet({ ...local, t: '1796312048.716424000', len: 74, sport: '8000', dport: '60014' }),
      packet({ ...local, t: '1796312048.726045000', len: 566, sport: '60014', dport: '8000' }),
    ];
    const { flows, records } = await readWith(tsharkFields, [HEADER, ...rows].join('\n'));
    expect(records).toBe(3);
    expect(flows).toHaveLength(1);
    expect(essence(flows[0]!)).toEqual({
      time: '2026-12-03T15:34:08.716402000Z',
      src: '127.0.0.1',
      srcPort: 60014,
      dst: '127.0.0.1',
      dstPort: 8000,
      proto: 'tcp',
      bytesOut: 640,
      bytesIn: 74,
      packetsOut: 2,
      packetsIn: 1,
      duration: 0.009643,
      label: null,
    });
    expect(flows[0]!.source.line).toBe(2);
  });

  it('combines the IPv4 and IPv6 columns into one source and one destination', async () => {
    const header = 'frame.time_epoch,ip.src,ipv6.src,tcp.srcport,ip.dst,ipv6.dst,tcp.dstport';
    const rows = [
      '1709289000.000000000,192.0.2.50,,50800,203.0.113.66,,443',
      '1709289002.000000000,,2001:0db8:5::0050,50802,,2001:db8:66::1,443',
    ];
    const { flows } = await readWith(tsharkFields, [header, ...rows].join('\n'));
    expect(flows.map((f) => [f.src, f.dst, f.proto, f.bytesOut])).toEqual([
      ['192.0.2.50', '203.0.113.66', 'tcp', null],
      ['2001:db8:5::50', '2001:db8:66::1', 'tcp', null],
    ]);
  });

  it('starts a new flow after the idle timeout', async () => {
    const later = (1796312048 + IDLE_TIMEOUT_MS / 1000 + 1).toFixed(6);
    const dns = { proto: '17', sport: '5353', dport: '53' };
    const rows = [packet({ ...dns, t: '1796312048.000000' }), packet({ ...dns, t: later })];
    const { flows } = await readWith(tsharkFields, [HEADER, ...rows].join('\n'));
    expect(flows.map((f) => [f.proto, f.dstPort, f.packetsOut])).toEqual([
      ['udp', 53, 1],
      ['udp', 53, 1],
    ]);
  });

  it('reads the outer occurrence of a repeated field and the protocol from ip.proto', async () => {
    const row =
      '"1","1796312048.1","98","10.0.0.1,192.0.2.1","","10.0.0.9,192.0.2.9","","1,17","",,,' +
      '"40000","53"';
    const { flows } = await readWith(tsharkFields, `${HEADER}\n${row}\n`);
    const want = { src: '10.0.0.1', dst: '10.0.0.9', proto: 'icmp', srcPort: null };
    expect(flows[0]).toMatchObject(want);
  });

  it('reads tab separated exports', async () => {
    const text =
      'frame.time_epoch\tip.src\tip.dst\tudp.srcport\tudp.dstport\n' +
      '1796312048.5\t10.0.0.1\t10.0.0.2\t1\t2\n';
    const { flows } = await readWith(tsharkFields, text);
    expect(flows[0]).toMatchObject({ proto: 'udp', srcPort: 1, dstPort: 2 });
  });

  it('counts non-IP packets and reports them once', async () => {
    const arp = '"7","1796312048.2","42",,,,,,,,,,';
    const text = [HEADER, arp, arp, packet()].join('\n');
    const { flows, records, warnings } = await readWith(tsharkFields, text);
    expect([flows.length, records]).toEqual([1, 3]);
    expect(warnings).toEqual([
      {
        where: null,
        message: '2 packets carry no IP address (ARP or other non-IP) and join no flow',
      },
    ]);
  });

  it('closes the oldest flows early when too many are open, and says so', async () => {
    const header = 'frame.time_epoch,ip.src,ip.dst,udp.srcport,udp.dstport';
    const rows = Array.from({ length: MAX_OPEN_FLOWS + 1 }, (_, i) => {
      const host = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      return `1796312048.${String(i).padStart(6, '0')},${host},192.0.2.1,5000,53`;
    });
    const text = `${header}\n${rows.join('\n')}\n`;
    const { flows, records, warnings } = await readWith(tsharkFields, text, 64 * 1024);
    expect([flows.length, records]).toEqual([MAX_OPEN_FLOWS + 1, MAX_OPEN_FLOWS + 1]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/^\d+ flows were closed early because too many were open/);
  });

  it.each([
    { name: 'a bad time', over: { t: 'noon' }, why: /frame.time_epoch/ },
    { name: 'a bad address', over: { dst: '10.0.0' }, why: /ip.dst/ },
    { name: 'a missing destination', over: { dst: '' }, why: /no destination address/ },
    { name: 'a bad length', over: { len: -5 }, why: /frame.len/ },
    { name: 'a bad port', over: { sport: '99999' }, why: /tcp.srcport/ },
  ])('skips and locates a packet with $name', async ({ over, why }) => {
    const text = [HEADER, packet(), packet(over)].join('\n');
    const { flows, records, skipped } = await readWith(tsharkFields, text);
    expect([flows.length, records]).toEqual([1, 1]);
    expect(skipped).toEqual([{ where: 3, message: expect.stringMatching(why) }]);
  });
});
