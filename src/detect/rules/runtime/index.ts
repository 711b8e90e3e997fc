import type { RuleLogic } from '../../rule.js';
import { containerExec } from './exec.js';
import { runtimeImageBuiltOnHost } from './image-brought-in.js';
import { runtimeNetworkConnect } from './network-connect.js';
import { runtimePauseAroundActivity } from './pause-activity.js';
import { containerRestartStorm } from './restart-storm.js';
import { runtimeShortLived } from './short-lived.js';

/** Rules over runtime lifecycle events. */
export const LOGIC: RuleLogic[] = [
  containerExec,
  containerRestartStorm,
  runtimeShortLived,
  runtimeNetworkConnect,
  runtimePauseAroundActivity,
  runtimeImageBuiltOnHost,
];
