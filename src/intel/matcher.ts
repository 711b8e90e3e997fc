import type { IntelHit, IntelMatcher } from '../detect/settings.js';
import { maskIPv4, maskIPv6, parseAddress, type ParsedNetwork } from '../model/address.js';

/**
 * The loaded intel, indexed for one lookup per flow endpoint: listed
 * addresses in a map keyed by their canonical text, networks in one map
 * per prefix length, keyed by the masked network. A lookup tries the exact
 * address, then each prefix length present from the longest down, so the
 * most specific entry answers. When two feeds list the same address or
 * network, the first added keeps it (feeds are added in path order).
 */
export class IntelIndex implements IntelMatcher {
  private readonly exact = new Map<string, IntelHit>();
  private readonly v4 = new Map<number, Map<number, IntelHit>>();
  private readonly v6 = new Map<number, Map<string, IntelHit>>();
  private v4Lengths: number[] = [];
  private v6Lengths: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds a listed address (canonical text); false when already listed. */
  addAddress(canonical: string, hit: IntelHit): boolean {
    if (this.exact.has(canonical)) return false;
    this.exact.set(canonical, hit);
    this.count += 1;
    return true;
  }

  /** Adds a listed network; false when already listed. */
  addNetwork(network: ParsedNetwork, hit: IntelHit): boolean {
    const added =
      network.family === 4
        ? addTo(this.v4, network.bits, network.value, hit)
        : addTo(this.v6, network.bits, v6Key(network.parts, network.bits), hit);
    if (!added) return false;
    this.count += 1;
    this.v4Lengths = descending(this.v4);
    this.v6Lengths = descending(this.v6);
    return true;
  }

  match(address: string): IntelHit | null {
    const direct = this.exact.get(address);
    if (direct) return direct;
    const parsed = parseAddress(address);
    if (!parsed) return null;
    if (parsed.canonical !== address) {
      const exact = this.exact.get(parsed.canonical);
      if (exact) return exact;
    }
    if (parsed.family === 4) {
      for (const bits of this.v4Lengths) {
        const hit = this.v4.get(bits)!.get(maskIPv4(parsed.value, bits));
        if (hit) return hit;
      }
      return null;
    }
    for (const bits of this.v6Lengths) {
      const hit = this.v6.get(bits)!.get(v6Key(maskIPv6(parsed.parts, bits), bits));
      if (hit) return hit;
    }
    return null;
  }
}

function addTo<K>(buckets: Map<number, Map<K, IntelHit>>, bits: number, key: K, hit: IntelHit) {
  let bucket = buckets.get(bits);
  if (!bucket) {
    bucket = new Map();
    buckets.set(bits, bucket);
  }
  if (bucket.has(key)) return false;
  bucket.set(key, hit);
  return true;
}

function descending(buckets: Map<number, unknown>): number[] {
  return [...buckets.keys()].sort((a, b) => b - a);
}

/** The parts a prefix covers, as hex. Example: 2001:db8::/32 → "2001:db8". */
function v6Key(parts: number[], bits: number): string {
  return parts
    .slice(0, Math.ceil(bits / 16))
    .map((p) => p.toString(16))
    .join(':');
}
