import { matcher } from '../../rule.js';
import { configLabel, configSubject, configVars } from './describe.js';

/**
 * seccomp or AppArmor switched off: every syscall and file is open to the
 * container. Inspect: SecurityOpt ["seccomp=unconfined"], AppArmorProfile
 * "unconfined"; pod spec: seccompProfile.type Unconfined.
 */
export const containerUnconfined = matcher(
  {
    id: 'container-security-profile-disabled',
    title: 'seccomp or AppArmor disabled for a container',
    severity: 'medium',
    confidence: 0.8,
    attack: ['T1562.001', 'T1611'],
    dataSources: ['container config: docker/podman inspect, kubectl pods, audit pod creates'],
    goal: 'Find containers whose syscall and MAC confinement was removed, which kernel exploits and escapes rely on.',
    strategy: 'Flag a seccomp or AppArmor profile of "unconfined" in the container\'s settings.',
    blindSpots: [
      'A custom profile that allows everything is not recognized as unconfined.',
      'Kubernetes pods with no profile run unconfined by default on older clusters and are not flagged.',
    ],
    falsePositives: ['Debug containers and some build tools (e.g. rootless image builders).'],
    validation: ['fixtures/demo/docker/inspect.json', 'test/rules/container.test.ts'],
    response: [
      "Keep {entity}'s inspect output ({inspect}) and find who disabled {profile} and why.",
      'Redeploy with the runtime default profile (drop the unconfined security option).',
    ],
  },
  ['config'],
  (obs) => {
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
