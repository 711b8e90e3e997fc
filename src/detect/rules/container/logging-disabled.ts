import { matcher } from '../../rule.js';
import { configLabel, configSubject, configVars } from '../../describe.js';
import { isLiveConfig } from './scope.js';

/**
 * Log driver "none": nothing the container prints is kept, so neither
 * `docker logs` nor a log shipper sees it. Inspect: HostConfig.LogConfig.Type.
 */
export const containerLoggingDisabled = matcher('container-logging-disabled', ['config'], (obs) =>
  obs.logDriver?.toLowerCase() === 'none' && isLiveConfig(obs)
    ? {
        subject: configSubject(obs),
        summary: `log driver 'none' on ${configLabel(obs)}${obs.privileged ? ', privileged' : ''}`,
        key: 'none',
        vars: configVars(obs),
      }
    : null,
);
