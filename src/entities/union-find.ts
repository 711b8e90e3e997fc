/** Disjoint sets over string keys, with path halving. */
export class UnionFind {
  private readonly parent = new Map<string, string>();

  add(key: string): void {
    if (!this.parent.has(key)) this.parent.set(key, key);
  }

  has(key: string): boolean {
    return this.parent.has(key);
  }

  find(key: string): string {
    let k = key;
    let p = this.parent.get(k);
    if (p === undefined) return key;
    while (p !== k) {
      const grand: string = this.parent.get(p) ?? p;
      this.parent.set(k, grand);
      k = grand;
      p = this.parent.get(k) ?? k;
    }
    return k;
  }

  union(a: string, b: string): void {
    this.add(a);
    this.add(b);
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller key becomes the root, so roots do not depend on input order.
    if (ra < rb) this.parent.set(rb, ra);
    else if (rb < ra) this.parent.set(ra, rb);
  }

  /** Every key grouped by its set's root. */
  groups(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const key of this.parent.keys()) {
      const root = this.find(key);
      const list = out.get(root);
      if (list) list.push(key);
      else out.set(root, [key]);
    }
    return out;
  }
}
