import type { Observation } from '../model/observation.js';

/**
 * One input's reorder buffer: observations kept sorted by time, ties in
 * arrival order. Exports are mostly in time order, so an arrival usually
 * goes at the end (constant time); a late one is placed by binary search.
 */
export class RunBuffer {
  private items: Observation[] = [];
  private head = 0;
  /** The time of the last observation handed on, to tell a late arrival. */
  private lastShifted: number | null = null;

  get size(): number {
    return this.items.length - this.head;
  }

  peek(): Observation | undefined {
    return this.items[this.head];
  }

  /**
   * Adds an observation; false when it came too late to be put in order: an
   * observation after it has been handed on already.
   */
  push(obs: Observation): boolean {
    const items = this.items;
    const last = items[items.length - 1];
    const inTime = this.lastShifted === null || obs.ts! >= this.lastShifted;
    if (this.size === 0 || last === undefined || last.ts! <= obs.ts!) {
      items.push(obs);
      return inTime;
    }
    // After every item at or before its time, so equal times keep arrival order.
    let lo = this.head;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (items[mid]!.ts! <= obs.ts!) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, obs);
    return inTime;
  }

  shift(): Observation | undefined {
    const obs = this.items[this.head];
    if (obs === undefined) return undefined;
    this.lastShifted = obs.ts;
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return obs;
  }
}
