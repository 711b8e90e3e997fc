import { describe, expect, it } from 'vitest';
import { parseAddress, parseNetwork } from '../../src/model/address.js';
import { IntelIndex } from '../../src/intel/matcher.js';

function index(): IntelIndex {
  const intel = new IntelIndex();
  const add = (entry: string, feed = 'a.txt'): boolean => {
    const hit = { feed, entry };
    if (entry.includes('/')) return intel.addNetwork(parseNetwork(entry)!, hit);
    return intel.addAddress(parseAddress(entry)!.canonical, hit);
  };
  add('203.0.113.66');
  add('203.0.113.0/24');
  add('198.51.100.0/24');
  add('198.51.100.128/25', 'b.txt');
  add('2001:db8:bad::/48');
  add('2001:db8::7');
  add('0.0.0.0/0', 'wide.txt');
  return intel;
}

describe('IntelIndex', () => {
  const intel = index();

  it.each([
    { address: '203.0.113.66', entry: '203.0.113.66' },
    { address: '::ffff:203.0.113.66', entry: '203.0.113.66' },
    { address: '203.0.113.67', entry: '203.0.113.0/24' },
    { address: '198.51.100.200', entry: '198.51.100.128/25' },
    { address: '198.51.100.5', entry: '198.51.100.0/24' },
    { address: '2001:db8:bad:ffff::1', entry: '2001:db8:bad::/48' },
    { address: '2001:0db8:0000::0007', entry: '2001:db8::7' },
    { address: '8.8.8.8', entry: '0.0.0.0/0' },
  ])('$address → $entry', ({ address, entry }) => {
    expect(intel.match(address)?.entry).toBe(entry);
  });

  it.each(['2001:db8:bae::1', '::1', 'not-an-address', ''])('%j is not listed', (address) => {
    expect(intel.match(address)).toBeNull();
  });

  it('counts entries once and keeps the first feed that lists one', () => {
    const fresh = new IntelIndex();
    expect(fresh.addAddress('192.0.2.1', { feed: 'a.txt', entry: '192.0.2.1' })).toBe(true);
    expect(fresh.addAddress('192.0.2.1', { feed: 'b.txt', entry: '::ffff:192.0.2.1' })).toBe(false);
    const net = (entry: string, feed: string): boolean =>
      fresh.addNetwork(parseNetwork(entry)!, { feed, entry });
    expect(net('10.0.0.0/8', 'a.txt')).toBe(true);
    expect(net('10.9.9.9/8', 'b.txt')).toBe(false);
    expect(fresh.size).toBe(2);
    expect(fresh.match('10.1.1.1')).toEqual({ feed: 'a.txt', entry: '10.0.0.0/8' });
  });

  it('looks up a large list quickly', () => {
    const big = new IntelIndex();
    for (let i = 0; i < 100_000; i++) {
      const a = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      big.addAddress(a, { feed: 'big.txt', entry: a });
    }
    for (let bits = 8; bits <= 30; bits++) {
      big.addNetwork(parseNetwork(`172.16.0.0/${bits}`)!, { feed: 'big.txt', entry: `${bits}` });
    }
    const start = performance.now();
    let found = 0;
    for (let i = 0; i < 100_000; i++) {
      // Listed exactly, then missed after trying every prefix length.
      if (big.match(`10.0.${(i >> 8) & 255}.${i & 255}`)) found++;
      if (big.match(`192.168.${(i >> 8) & 255}.${i & 255}`)) found++;
    }
    expect(found).toBe(100_000);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
