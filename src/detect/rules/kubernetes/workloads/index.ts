import type { RuleLogic } from '../../../rule.js';

export const LOGIC: RuleLogic[] = [];
