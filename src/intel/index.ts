/**
 * Threat intelligence given with `--intel FILE`: plain lists of IP
 * addresses and CIDR networks, indexed for the rules that match flows.
 */
export { loadIntel, formatIntelWarning } from './load.js';
export type { FeedSummary, IntelWarning, LoadedIntel } from './load.js';
export { IntelIndex } from './matcher.js';
