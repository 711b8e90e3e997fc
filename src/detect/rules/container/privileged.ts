import { matcher } from '../../rule.js';
import { configLabel, configSubject, configVars } from '../../describe.js';
import { isLiveConfig, isTrustedPrivileged } from './scope.js';

/**
 * A privileged container has every capability, every device and no
 * seccomp or AppArmor confinement: a root shell in it is root on the host.
 * Inspect: HostConfig.Privileged; pod spec: securityContext.privileged.
 */
export const containerPrivileged = matcher('container-privileged', ['config'], (obs, ctx) =>
  obs.privileged === true && isLiveConfig(obs) && !isTrustedPrivileged(obs, ctx.settings.lists)
    ? {
        subject: configSubject(obs),
        summary: `${configLabel(obs)} runs privileged`,
        key: 'privileged',
        vars: configVars(obs),
      }
    : null,
);
