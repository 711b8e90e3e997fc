import type { RuleLogic } from '../../rule.js';
import { containerExec } from './exec.js';
import { containerRestartStorm } from './restart-storm.js';

/** Rules over runtime lifecycle events. */
export const LOGIC: RuleLogic[] = [containerExec, containerRestartStorm];
