import { matcher } from '../../rule.js';
import { configLabel, configSubject, configVars } from '../../describe.js';
import { isLiveConfig, isTrustedPrivileged } from './scope.js';

/**
 * seccomp or AppArmor switched off: every syscall and file is open to the
 * container. Inspect: SecurityOpt ["seccomp=unconfined"], AppArmorProfile
 * "unconfined"; pod spec: seccompProfile.type Unconfined.
 */
export const containerUnconfined = matcher(
  'container-security-profile-disabled',
  ['config'],
  (obs, ctx) => {
    if (!isLiveConfig(obs) || isTrustedPrivileged(obs, ctx.settings.lists)) return null;
    const off = [
      obs.seccomp === 'unconfined' ? 'seccomp' : null,
      obs.apparmor === 'unconfined' ? 'AppArmor' : null,
    ].filter((p): p is string => p !== null);
    if (off.length === 0) return null;
    const profile = off.join(' and ');
    return {
      subject: configSubject(obs),
      summary: `${configLabel(obs)} runs with ${profile} unconfined${obs.privileged ? ', privileged' : ''}`,
      key: profile,
      vars: { ...configVars(obs), profile },
    };
  },
);
