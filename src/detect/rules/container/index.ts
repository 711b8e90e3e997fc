import type { RuleLogic } from '../../rule.js';
import { containerDangerousCapabilities } from './capabilities.js';
import { containerSuspiciousCommand } from './command.js';
import { containerDaemonPortExposed } from './daemon-ports.js';
import { containerEnvPreload, containerEnvProxy, containerSecretInEnv } from './env.js';
import { containerHostNamespaces } from './host-namespaces.js';
import { containerLoggingDisabled } from './logging-disabled.js';
import { containerMinerOrTool } from './miner-command.js';
import { containerPrivileged } from './privileged.js';
import {
  containerHostRootMount,
  containerRuntimeSocketMount,
  containerSensitiveMount,
} from './sensitive-mount.js';
import { containerUnconfined } from './unconfined.js';

/**
 * Rules over container settings, from any runtime or orchestrator. The
 * host-devices, no-resource-limits and unpinned-image rules are data rules
 * (their YAML files alone).
 */
export const LOGIC: RuleLogic[] = [
  containerPrivileged,
  containerHostNamespaces,
  containerRuntimeSocketMount,
  containerHostRootMount,
  containerSensitiveMount,
  containerDangerousCapabilities,
  containerUnconfined,
  containerLoggingDisabled,
  containerMinerOrTool,
  containerSecretInEnv,
  containerEnvPreload,
  containerEnvProxy,
  containerSuspiciousCommand,
  containerDaemonPortExposed,
];
