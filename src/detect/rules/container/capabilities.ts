import { capabilityName } from '../../lists.js';
import { matcher } from '../../rule.js';
import { configLabel, configSubject, configVars } from '../../describe.js';
import { isLiveConfig, isTrustedPrivileged } from './scope.js';

/** Capabilities that alone amount to host root. */
const CRITICAL = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE']);

/**
 * Added capabilities that break isolation. Inspect: HostConfig.CapAdd
 * (["CAP_SYS_ADMIN"] or ["SYS_ADMIN"]); pod spec:
 * securityContext.capabilities.add. Privileged containers are left to
 * their own rule (Podman lists no CapAdd for them).
 */
export const containerDangerousCapabilities = matcher(
  'container-dangerous-capabilities',
  ['config'],
  (obs, ctx) => {
    if (obs.privileged === true || !isLiveConfig(obs)) return null;
    if (isTrustedPrivileged(obs, ctx.settings.lists)) return null;
    const added = [...new Set(obs.capAdd.map(capabilityName))].sort();
    const dangerous = added.filter((c) => ctx.settings.lists.has('dangerous-capabilities', c));
    if (dangerous.length === 0) return null;
    const caps = dangerous.join(', ');
    return {
      subject: configSubject(obs),
      summary: `${configLabel(obs)} is granted ${caps}`,
      key: caps,
      severity: dangerous.some((c) => CRITICAL.has(c)) ? 'high' : 'medium',
      vars: { ...configVars(obs), caps },
    };
  },
);
