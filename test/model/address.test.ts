import { describe, expect, it } from 'vitest';
import { canonicalAddress, parseNetwork } from '../../src/model/address.js';

describe('canonicalAddress', () => {
  it.each([
    { raw: '192.0.2.50', want: '192.0.2.50' },
    { raw: ' 192.0.2.50 ', want: '192.0.2.50' },
    { raw: '010.001.002.003', want: '10.1.2.3' },
    { raw: '2001:0db8:0005:0000:0000:0000:0000:0050', want: '2001:db8:5::50' },
    { raw: '2001:DB8::1', want: '2001:db8::1' },
    { raw: '2001:db8:0:0:1:0:0:1', want: '2001:db8::1:0:0:1' },
    { raw: '::ffff:192.0.2.50', want: '192.0.2.50' },
    { raw: '::ffff:c000:0232', want: '192.0.2.50' },
    { raw: '[::1]', want: '::1' },
    { raw: '::', want: '::' },
    { raw: 'fe80::1%eth0', want: 'fe80::1%eth0' },
  ])('$raw → $want', ({ raw, want }) => {
    expect(canonicalAddress(raw)).toBe(want);
  });

  it.each([
    '',
    '1.2.3',
    '256.1.1.1',
    '1.2.3.4.5',
    '0x7f.0.0.1',
    'example.com',
    '2001:db8::g',
    ':::',
    '1.2.3.4/24',
  ])('rejects %j', (raw) => {
    expect(canonicalAddress(raw)).toBeNull();
  });
});

describe('parseNetwork', () => {
  it.each([
    { raw: '203.0.113.0/24', want: { family: 4, bits: 24, value: 0xcb007100 } },
    { raw: '10.0.0.5/8', want: { family: 4, bits: 8, value: 0x0a000000 } },
    { raw: '0.0.0.0/0', want: { family: 4, bits: 0, value: 0 } },
    { raw: '::ffff:192.0.2.0/120', want: { family: 4, bits: 24, value: 0xc0000200 } },
    {
      raw: '2001:db8:abcd::/33',
      want: { family: 6, bits: 33, parts: [0x2001, 0xdb8, 0x8000, 0, 0, 0, 0, 0] },
    },
  ])('$raw', ({ raw, want }) => {
    expect(parseNetwork(raw)).toEqual(want);
  });

  it.each([
    '10.0.0.0/33',
    '10.0.0.0/',
    '10.0.0.0/x',
    '2001:db8::/129',
    '::ffff:1.2.3.0/95',
    'host/24',
    '10.0.0.0',
  ])('rejects %j', (raw) => {
    expect(parseNetwork(raw)).toBeNull();
  });
});
