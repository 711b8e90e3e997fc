import type { RuleLogic } from '../../../rule.js';
import { kubectlEventsGap } from './events-gap.js';
import { kubectlRiskyPod } from './risky-pod.js';
import { kubectlTagDigestDrift } from './tag-drift.js';
import { kubectlUntrustedRegistry } from './untrusted-registry.js';

/** Rules over what runs now: kubectl pod and event exports. */
export const LOGIC: RuleLogic[] = [
  kubectlRiskyPod,
  kubectlTagDigestDrift,
  kubectlUntrustedRegistry,
  kubectlEventsGap,
];
