import type { Rule } from '../../rule.js';
import { networkIntelAddress } from './intel-address.js';

export const RULES: Rule[] = [networkIntelAddress];
