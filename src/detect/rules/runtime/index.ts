import type { Rule } from '../../rule.js';
import { containerExec } from './exec.js';

/** Rules over runtime lifecycle events. */
export const RULES: Rule[] = [
  containerExec,
];
