import { describe, expect, it } from 'vitest';
import { parseIntelLine } from '../../src/intel/list.js';

describe('parseIntelLine', () => {
  it.each([
    { raw: '203.0.113.66', kind: 'address', entry: '203.0.113.66' },
    { raw: '  203.0.113.66  # C2 server', kind: 'address', entry: '203.0.113.66' },
    { raw: '1.10.16.0/20 ; SBL256894', kind: 'network', entry: '1.10.16.0/20' },
    { raw: '2001:DB8:BAD::/48\r', kind: 'network', entry: '2001:DB8:BAD::/48' },
    { raw: '::ffff:198.51.100.7', kind: 'address', entry: '::ffff:198.51.100.7' },
  ])('reads $raw', ({ raw, kind, entry }) => {
    expect(parseIntelLine(raw)).toMatchObject({ kind, entry });
  });

  it.each(['', '   ', '# a comment', '; another', '\t# indented comment'])(
    'passes over %j',
    (raw) => {
      expect(parseIntelLine(raw)).toEqual({ kind: 'blank' });
    },
  );

  it.each([
    { raw: 'evil.example.com', why: "not an IP address or CIDR network: 'evil.example.com'" },
    { raw: '10.0.0.0/40', why: "not a CIDR network: '10.0.0.0/40'" },
    { raw: '0.0.0.0/0', why: "a network that covers every address: '0.0.0.0/0'" },
    { raw: '::/0', why: "a network that covers every address: '::/0'" },
    {
      raw: '10.0.0.1 10.0.0.2',
      why: "expected one IP address or CIDR network a line: '10.0.0.1 10.0.0.2'",
    },
    { raw: '1.2.3.4-1.2.3.9', why: "not an IP address or CIDR network: '1.2.3.4-1.2.3.9'" },
    { raw: '\u001b[31mred', why: "not an IP address or CIDR network: '\\x1b[31mred'" },
  ])('reports $raw', ({ raw, why }) => {
    expect(parseIntelLine(raw)).toEqual({ kind: 'bad', message: why });
  });
});
