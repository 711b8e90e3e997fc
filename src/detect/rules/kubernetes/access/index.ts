import type { RuleLogic } from '../../../rule.js';
import { authFailureBurst } from './auth-failure-burst.js';
import { csrSelfApproved } from './csr-self-approved.js';
import { permissionDiscoveryBurst } from './permission-discovery-burst.js';
import { secretsReadBurst } from './secrets-read-burst.js';
import { serviceAccountTokenExternal } from './serviceaccount-token-external.js';

/**
 * Audit-log rules on who got access and how: the TypeScript halves of the
 * cards beside them (windows, sequences, address ranges). Field matches are
 * the YAML rules of this folder.
 */
export const LOGIC: RuleLogic[] = [
  authFailureBurst,
  csrSelfApproved,
  permissionDiscoveryBurst,
  secretsReadBurst,
  serviceAccountTokenExternal,
];
