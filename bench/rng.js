// A small seeded PRNG, so that the benchmark file is the same bytes on every
// machine and a timing can be compared with last week's.

/**
 * mulberry32: 32-bit state, one multiply-xorshift round per draw. Plenty for
 * picking verbs and names; not for anything cryptographic.
 */
export class Rng {
  /** @param {number} seed any 32-bit integer */
  constructor(seed) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n) {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi]. */
  between(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }

  chance(p) {
    return this.next() < p;
  }

  pick(items) {
    return items[this.int(items.length)];
  }

  /**
   * One key of a weight table, e.g. weighted({ get: 35, list: 15 }).
   * Tables are small, so a linear walk is cheaper than building a CDF.
   */
  weighted(table) {
    let total = 0;
    for (const key in table) total += table[key];
    let roll = this.next() * total;
    for (const key in table) {
      roll -= table[key];
      if (roll < 0) return key;
    }
    return Object.keys(table)[0];
  }

  /** Lower-case letters and digits, as in generated names: "x2k4p". */
  alnum(length) {
    let out = '';
    for (let i = 0; i < length; i++) out += ALNUM[this.int(ALNUM.length)];
    return out;
  }

  hex(length) {
    let out = '';
    for (let i = 0; i < length; i++) out += HEX[this.int(16)];
    return out;
  }

  /** A version-4 UUID, e.g. "3f2c9a1e-7b4d-4c1a-9e8f-0a1b2c3d4e5f". */
  uuid() {
    const variant = HEX[8 + this.int(4)];
    return (
      `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-` + `${variant}${this.hex(3)}-${this.hex(12)}`
    );
  }

  /** An exponential draw with the given mean, for gaps between requests. */
  exponential(mean) {
    return -Math.log(1 - this.next()) * mean;
  }
}

// Kubernetes generated names avoid vowels and look-alikes ("bcdfghjklmnpqrstvwxz2456789").
const ALNUM = 'bcdfghjklmnpqrstvwxz2456789';
const HEX = '0123456789abcdef';
