import type { RuleLogic } from '../../rule.js';
import { crossNestedContainers } from './nested-containers.js';
import { crossShadowContainer } from './shadow-container.js';
import { crossTelemetryBlackout } from './telemetry-blackout.js';
import { crossWorkloadWithoutAudit } from './workload-without-audit.js';

/** Rules that join several sources over the whole run and report when it ends. */
export const LOGIC: RuleLogic[] = [
  crossShadowContainer,
  crossWorkloadWithoutAudit,
  crossNestedContainers,
  crossTelemetryBlackout,
];
