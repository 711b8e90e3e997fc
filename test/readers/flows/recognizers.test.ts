import { describe, expect, it } from 'vitest';
import { READERS, RECOGNIZERS } from '../../../src/readers/flows/index.js';
import { headOf } from './helpers.js';

function bytes(...values: number[]): Buffer {
  return Buffer.concat([Buffer.from(values), Buffer.alloc(32)]);
}

const ZEEK_TSV = '#separator \\x09\n#set_separator\t,\n#path\tconn\n#fields\tts\tuid\tid.orig_h\n';

const NFDUMP_JSON = '[\n{\n\t"type" : "FLOW",\n\t"first" : "2026-12-03T15:34:16.734",\n';
const NFDUMP_TEXT = 'Date first seen             Duration     Proto  Src IP Addr:Port\n';

const CASES = [
  {
    name: 'pcap, little-endian',
    content: bytes(0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0),
    id: 'pcap',
    why: /^packet capture: derive flows/,
  },
  {
    name: 'pcap, big-endian nanoseconds',
    content: bytes(0xa1, 0xb2, 0x3c, 0x4d),
    id: 'pcap',
    why: /CICFlowMeter, Zeek, argus or nfdump/,
  },
  {
    name: 'pcapng',
    content: bytes(0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0x1c, 0x4d, 0x3c, 0x2b, 0x1a),
    id: 'pcapng',
    why: /pcapng/,
  },
  {
    name: 'argus v3',
    content: bytes(0x83, 0x10, 0, 0x20, 0, 0, 0, 0, 0xe5, 0x71, 0x2d, 0xcb),
    id: 'argus-binary',
    why: /ra -r FILE/,
  },
  {
    name: 'argus v5',
    content: bytes(0x85, 0x10, 0, 0x20, 0xe5, 0x71, 0x50, 0xcb),
    id: 'argus-binary',
    why: /Argus binary/,
  },
  {
    name: 'nfcapd 1.7',
    content: bytes(0x0c, 0xa5, 2, 0),
    id: 'nfcapd',
    why: /^nfcapd binary: export with nfdump -r FILE -o csv$/,
  },
  {
    name: 'nfcapd 1.6, big-endian host',
    content: bytes(0xa5, 0x0c, 0, 1),
    id: 'nfcapd',
    why: /nfcapd/,
  },
  {
    name: 'Zeek TSV',
    content: ZEEK_TSV,
    id: 'zeek-tsv',
    why: /^Zeek conn log .*read by a later version/,
  },
  {
    name: 'Zeek TSV after btest comments',
    content: `### BTest baseline\n${ZEEK_TSV}`,
    id: 'zeek-tsv',
    why: /Zeek/,
  },
  {
    name: 'Zeek JSON, dotted keys',
    content: '{"ts":1.5,"uid":"C1","id.orig_h":"10.0.0.1"}\n{"ts":2}\n',
    id: 'zeek-json',
    why: /^Zeek log \(JSON lines\)/,
  },
  {
    name: 'Zeek JSON, underscore scope',
    content: '{"ts":"2024-03-01T10:10:00Z","id_orig_h":"10.0.0.1"}',
    id: 'zeek-json',
    why: /Zeek/,
  },
  { name: 'nfdump JSON', content: NFDUMP_JSON, id: 'nfdump-json', why: /nfdump -r FILE -o csv/ },
  { name: 'nfdump extended text', content: NFDUMP_TEXT, id: 'nfdump-text', why: /text output/ },
  {
    name: 'tshark conversations',
    content: '====\nIPv4 Conversations\nFilter:<No Filter>\n',
    id: 'tshark-conversations',
    why: /relative times/,
  },
  {
    name: 'tshark HTTP fields',
    content: 'frame.time_epoch,ip.src,ipv6.src,ip.dst,ipv6.dst,http.request.uri\n',
    id: 'tshark-fields-other',
    why: /application-layer/,
  },
  {
    name: 'tshark fields without epoch time',
    content: 'frame.number,ip.src,ip.dst\n',
    id: 'tshark-fields-other',
    why: /without frame.time_epoch/,
  },
];

describe('network recognizers', () => {
  it.each(CASES)('$name → $id', ({ content, id, why }) => {
    const head = headOf(content);
    expect(READERS.filter((r) => r.sniff(head)).map((r) => r.id)).toEqual([]);
    const known = RECOGNIZERS.filter((r) => r.sniff(head));
    expect(known.map((r) => r.id)).toEqual([id]);
    expect(known[0]!.reason(head)).toMatch(why);
  });

  it.each([
    { name: 'an empty file', content: '' },
    { name: 'a short binary file', content: bytes(0xd4, 0xc3).subarray(0, 3) },
    { name: 'an unrelated JSON line', content: '{"ts":1,"name":"x"}\n' },
    { name: 'a Docker event', content: '{"status":"start","id":"ab","time":1}\n' },
    { name: 'a plain CSV', content: 'a,b,c\n1,2,3\n' },
    { name: 'a text that mentions Conversations', content: 'IPv4 Conversations are fun\n' },
  ])('leaves $name alone', ({ content }) => {
    const head = headOf(content);
    expect(RECOGNIZERS.filter((r) => r.sniff(head)).map((r) => r.id)).toEqual([]);
  });
});
