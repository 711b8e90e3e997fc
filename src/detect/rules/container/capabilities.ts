import { capabilityName, DANGEROUS_CAPABILITIES } from '../../lists.js';
import { matcher } from '../../rule.js';
import { configLabel, configSubject, configVars } from './describe.js';

/** Capabilities that alone amount to host root. */
const CRITICAL = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE']);

/**
 * Added capabilities that break isolation. Inspect: HostConfig.CapAdd
 * (["CAP_SYS_ADMIN"] or ["SYS_ADMIN"]); pod spec:
 * securityContext.capabilities.add. Privileged containers are left to
 * their own rule (Podman lists no CapAdd for them).
 */
export const containerDangerousCapabilities = matcher(
  {
    id: 'container-dangerous-capabilities',
    title: 'Dangerous capabilities added to a container',
    severity: 'high',
    confidence: 0.8,
    attack: ['T1611', 'T1548'],
    dataSources: ['container config: docker/podman inspect, kubectl pods, audit pod creates'],
    goal: 'Find containers granted capabilities that let a payload mount, trace, load kernel code or rewrite networking on the host.',
    strategy:
      "Intersect each container's added capabilities with the shared list of dangerous ones; " +
      'SYS_ADMIN, SYS_MODULE and ALL rate high, the rest medium.',
    blindSpots: [
      'Capabilities gained inside the container (file capabilities, setuid binaries) are not visible in its configuration.',
    ],
    falsePositives: [
      'Network plugins and VPN sidecars need NET_ADMIN; debugging tools ask for SYS_PTRACE.',
    ],
    validation: ['fixtures/demo/docker/inspect.json', 'test/rules/container.test.ts'],
    response: [
      'Check why {entity} needs {caps}; ask its owner for the documented reason.',
      'Look on the host for what these capabilities allow: new mounts, loaded modules, traced processes.',
      'Redeploy with --cap-drop=ALL and only the capabilities it needs.',
    ],
  },
  ['config'],
  (obs) => {
    if (obs.privileged === true) return null;
    const added = [...new Set(obs.capAdd.map(capabilityName))].sort();
    const dangerous = added.filter((c) => DANGEROUS_CAPABILITIES.includes(c));
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
