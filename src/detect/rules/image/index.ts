import type { RuleLogic } from '../../rule.js';
import { imageLdPreload } from './ld-preload.js';
import { imageLoggingDisabled } from './logging-disabled.js';
import { imageMinerOrTool } from './miner-or-tool.js';
import { imageSecretInConfig } from './secret-in-config.js';
import { imageSetuidAdded } from './setuid-added.js';

/** Rules over image archives and image metadata: what an image ships and how it is configured. */
export const LOGIC: RuleLogic[] = [
  imageLdPreload,
  imageLoggingDisabled,
  imageSetuidAdded,
  imageMinerOrTool,
  imageSecretInConfig,
];
