import { matcher } from '../../rule.js';
import { configLabel, configSubject, configVars } from './describe.js';

/**
 * A privileged container has every capability, every device and no
 * seccomp or AppArmor confinement: a root shell in it is root on the host.
 * Inspect: HostConfig.Privileged; pod spec: securityContext.privileged.
 */
export const containerPrivileged = matcher(
  {
    id: 'container-privileged',
    title: 'Privileged container',
    severity: 'high',
    confidence: 0.9,
    attack: ['T1611', 'T1610'],
    dataSources: ['container config: docker/podman inspect, kubectl pods, audit pod creates'],
    goal: 'Find containers that run without isolation, from which a payload reaches the host unseen.',
    strategy:
      'Flag any container or pod container whose configuration sets privileged mode, ' +
      'whatever the runtime that reported it.',
    blindSpots: [
      'Containers started and removed between two inspect exports leave only events, which carry no settings.',
      'Equivalent power granted piecemeal (capabilities, devices, host mounts) is caught by the other container rules, not this one.',
    ],
    falsePositives: [
      'Node agents (CNI plugins, storage drivers, monitoring DaemonSets) that need privilege by design.',
    ],
    validation: ['fixtures/demo/docker/inspect.json', 'test/rules/container.test.ts'],
    response: [
      'Capture the container before it goes: {export}, and keep the inspect output ({inspect}).',
      'Find who started {entity} and with what command (runtime events, audit log, CI history).',
      'Check the host for changes made through it: new mounts, kernel modules, cron jobs, SSH keys.',
      'Stop it ({stop}) and redeploy without privileged mode, granting only the capabilities it needs.',
    ],
  },
  ['config'],
  (obs) =>
    obs.privileged === true
      ? {
          subject: configSubject(obs),
          summary: `${configLabel(obs)} runs privileged`,
          key: 'privileged',
          vars: configVars(obs),
        }
      : null,
);
