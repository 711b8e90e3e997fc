import type { RuleLogic } from '../../../rule.js';
import { k8sAgentConfigTampered } from './agent-config.js';
import { k8sSecurityAgentDisabled } from './agent-disabled.js';
import { k8sAuditLogGap } from './audit-gap.js';
import { k8sConfigmapCredentials } from './configmap-credentials.js';
import { k8sEscapeReadyWorkload } from './escape-ready.js';
import { k8sImageSwap } from './image-swap.js';
import { k8sUntrustedNode } from './node-joined.js';
import { k8sWorkloadSpecNotLogged } from './spec-not-logged.js';
import { k8sSystemNamespacePod } from './system-namespace-pod.js';

/**
 * Audit-log rules on what was deployed and what was switched off. Rules that
 * are one field match live as YAML cards beside these.
 */
export const LOGIC: RuleLogic[] = [
  k8sEscapeReadyWorkload,
  k8sWorkloadSpecNotLogged,
  k8sSystemNamespacePod,
  k8sSecurityAgentDisabled,
  k8sAgentConfigTampered,
  k8sImageSwap,
  k8sAuditLogGap,
  k8sUntrustedNode,
  k8sConfigmapCredentials,
];
