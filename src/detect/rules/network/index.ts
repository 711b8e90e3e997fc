import type { RuleLogic } from '../../rule.js';
import { networkIntelAddress } from './intel-address.js';

export const LOGIC: RuleLogic[] = [networkIntelAddress];
