import { describe, expect, it } from 'vitest';
import { READERS } from '../../../src/readers/flows/index.js';
import { readWith } from './helpers.js';

const HEADERS: Record<string, string> = {
  'nfdump-csv': 'ts,te,td,sa,da,sp,dp,pr,ipkt,ibyt,opkt,obyt',
  'argus-csv': 'StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,SrcPkts,SrcBytes',
  'tshark-fields': 'frame.time_epoch,frame.len,ip.src,ip.dst,ip.proto,tcp.srcport,tcp.dstport',
  cicflowmeter: 'Source IP,Source Port,Destination IP,Destination Port,Timestamp,Flow Duration',
};

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const PIECES = [
  ...['10.0.0.1', '::1', '2001:db8::1', '999.1.1.1', '::ffff:1.2.3.4', '0x10', '65536'],
  ...['"', '""', ',', ',,', '\t', '\\', ' ', '\u0000', '\u001b[2J', '\u202e', '<script>'],
  ...['tcp', '6', 'man', 'Infinity', 'NaN', '-1', '1e309', 'x'.repeat(300)],
  ...['2026-12-03 15:34:16', '31/02/2020 25:61', '1796312048.5', '5/7/2017 9:02 PM'],
];

function junkLine(next: () => number, width: number): string {
  const fields: string[] = [];
  const count = Math.floor(next() * (width + 3));
  for (let i = 0; i < count; i++) fields.push(PIECES[Math.floor(next() * PIECES.length)]!);
  return fields.join(next() < 0.9 ? ',' : '');
}

describe('flow readers on hostile input', () => {
  it.each(READERS.map((r) => ({ id: r.id, reader: r })))(
    '$id never throws and accounts for every line',
    async ({ id, reader }) => {
      const header = HEADERS[id]!;
      const width = header.split(',').length;
      const next = random(id.length * 7919);
      const lines = Array.from({ length: 400 }, () => junkLine(next, width));
      const text = `${header}\n${lines.join('\n')}\n`;
      const { records, skipped } = await readWith(reader, text, 13);
      const data = lines.filter((l) => l.trim() !== '' && l !== header).length;
      expect(records + skipped.length).toBe(data);
      for (const s of skipped) expect(typeof s.where).toBe('number');
    },
  );
});
