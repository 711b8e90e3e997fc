import type { Lists } from './lists.js';

/** A threat-intelligence match: which feed listed the address, as which entry. */
export interface IntelHit {
  feed: string;
  entry: string;
}

/** Answers whether an address is listed by a loaded feed. */
export interface IntelMatcher {
  match(address: string): IntelHit | null;
  readonly size: number;
}

/** What rules may consult besides observations: loaded once per run. */
export interface Settings {
  intel: IntelMatcher | null;
  /** Named lists: the shipped defaults and the user's stowaway.yaml. */
  lists: Lists;
}
