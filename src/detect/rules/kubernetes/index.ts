import type { RuleLogic } from '../../rule.js';
import { LOGIC as ACCESS } from './access/index.js';
import { LOGIC as INVENTORY } from './inventory/index.js';
import { LOGIC as WORKLOADS } from './workloads/index.js';

/**
 * Kubernetes rules, by the question they answer: who got access (audit log),
 * what was deployed or switched off (audit log), what runs now (kubectl).
 */
export const LOGIC: RuleLogic[] = [...ACCESS, ...WORKLOADS, ...INVENTORY];
