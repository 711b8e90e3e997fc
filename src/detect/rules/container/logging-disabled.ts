import { matcher } from '../../rule.js';
import { configLabel, configSubject, configVars } from './describe.js';

/**
 * Log driver "none": nothing the container prints is kept, so neither
 * `docker logs` nor a log shipper sees it. Inspect: HostConfig.LogConfig.Type.
 */
export const containerLoggingDisabled = matcher(
  {
    id: 'container-logging-disabled',
    title: 'Container logging is disabled',
    severity: 'high',
    confidence: 0.9,
    attack: ['T1562.001'],
    dataSources: ['container config: docker/podman inspect'],
    goal: 'Find containers started so that their output is never recorded.',
    strategy: 'Flag a log driver of "none" in the container\'s settings.',
    blindSpots: [
      'Logging silenced inside the image (syslog, journald) is left to the image rules.',
      'A driver that ships logs to an attacker-held endpoint is not judged.',
    ],
    falsePositives: ['Short-lived utility containers whose output is deliberately discarded.'],
    validation: ['fixtures/demo/docker/inspect.json', 'test/rules/container.test.ts'],
    response: [
      'Assume nothing {entity} printed was kept: recover activity from runtime events, flows and its filesystem ({export}).',
      'Find who started {entity} with --log-driver=none and why.',
      "Redeploy with the host's standard log driver, and alert on containers started without it.",
    ],
  },
  ['config'],
  (obs) =>
    obs.logDriver?.toLowerCase() === 'none'
      ? {
          subject: configSubject(obs),
          summary: `log driver 'none' on ${configLabel(obs)}${obs.privileged ? ', privileged' : ''}`,
          key: 'none',
          vars: configVars(obs),
        }
      : null,
);
