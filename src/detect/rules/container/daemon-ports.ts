import type { ConfigObservation, PortBinding } from '../../../model/observation.js';
import { configLabel, configSubject, configVars } from '../../describe.js';
import type { Lists } from '../../lists.js';
import { matcher } from '../../rule.js';
import { isLiveConfig } from './scope.js';

/** Host addresses that mean "every interface". Example: Docker's "" read as "0.0.0.0". */
const EVERY_ADDRESS = new Set(['0.0.0.0', '::']);

/**
 * Whether the binding reaches the host's network at all. A Docker or Podman
 * binding is published (a null hostPort lets the runtime pick one); a pod's
 * containerPort is not, unless it names a hostPort.
 */
function published(obs: ConfigObservation, port: PortBinding): boolean {
  return obs.runtime !== 'kubernetes' || port.hostPort !== null;
}

function isDaemonPort(port: PortBinding, lists: Lists): boolean {
  const ports = [port.containerPort, port.hostPort].filter((p): p is number => p !== null);
  return ports.some((p) => lists.has('daemon-ports', String(p)));
}

/** Example: "0.0.0.0:2375->2375/tcp", "*:10250->10250/tcp". */
function describePort(port: PortBinding): string {
  const ip =
    port.hostIp === null ? '*' : port.hostIp.includes(':') ? `[${port.hostIp}]` : port.hostIp;
  return `${ip}:${port.hostPort ?? '?'}->${port.containerPort ?? '?'}/${port.proto}`;
}

/**
 * A container that publishes a control daemon's port (Docker API 2375,
 * kubelet 10250, etcd 2379, SSH, …; list daemon-ports) on every host
 * address: anyone who reaches the node reaches the daemon, unseen by the
 * cluster's own access logs. Inspect: HostConfig.PortBindings and
 * NetworkSettings.Ports; pod spec: ports[].hostPort and hostIP.
 */
export const containerDaemonPortExposed = matcher(
  'container-daemon-port-exposed',
  ['config'],
  (obs, ctx) => {
    if (!obs.ports || obs.ports.length === 0 || !isLiveConfig(obs)) return null;
    const open = obs.ports.filter(
      (p) =>
        published(obs, p) &&
        (p.hostIp === null || EVERY_ADDRESS.has(p.hostIp)) &&
        isDaemonPort(p, ctx.settings.lists),
    );
    if (open.length === 0) return null;
    const shown = [...new Set(open.map(describePort))].sort().join(', ');
    return {
      subject: configSubject(obs),
      summary: `${configLabel(obs)} publishes a daemon port on every host address: ${shown}`,
      key: shown,
      vars: { ...configVars(obs), ports: shown },
    };
  },
);
