import type { ConfigObservation } from '../../../model/observation.js';
import type { Severity } from '../../../model/severity.js';
import { matcher } from '../../rule.js';
import { configLabel, configSubject, configVars } from './describe.js';

/**
 * Namespaces shared with the host, and what each gives away. PID: see and
 * signal (or ptrace) every host process; network: sniff host traffic and
 * reach services bound to localhost; IPC: host shared memory; UTS: the host
 * name. Docker mode "host" and pod fields hostPID/hostNetwork/hostIPC.
 */
const NAMESPACES: { field: keyof ConfigObservation; name: string; severity: Severity }[] = [
  { field: 'pidMode', name: 'PID', severity: 'high' },
  { field: 'networkMode', name: 'network', severity: 'medium' },
  { field: 'ipcMode', name: 'IPC', severity: 'medium' },
  { field: 'utsMode', name: 'UTS', severity: 'low' },
];

const ORDER: Severity[] = ['low', 'medium', 'high'];

export const containerHostNamespaces = matcher(
  {
    id: 'container-host-namespaces',
    title: 'Container shares host namespaces',
    severity: 'medium',
    confidence: 0.85,
    attack: ['T1611'],
    dataSources: ['container config: docker/podman inspect, kubectl pods, audit pod creates'],
    goal: 'Find containers that see host processes or host traffic, from which a payload can act on the host while looking contained.',
    strategy:
      'Flag containers whose PID, network, IPC or UTS namespace mode is "host"; the severity ' +
      'follows the most powerful namespace shared (PID is high).',
    blindSpots: [
      'Podman reports IpcMode "shareable" even for --ipc=host, so host IPC is missed in its inspect output.',
      "Sharing another container's namespace (container:<id>) is not flagged here.",
    ],
    falsePositives: [
      'Node exporters, CNI and kube-proxy DaemonSets run with host networking by design.',
    ],
    validation: ['fixtures/demo/docker/inspect.json', 'test/rules/container.test.ts'],
    response: [
      'List what {entity} could see: host processes (PID) or host sockets (network) during its lifetime.',
      'Keep its inspect output ({inspect}) and filesystem ({export}) before stopping it.',
      'Redeploy without host namespaces unless it is a node agent with a documented need.',
    ],
  },
  ['config'],
  (obs) => {
    const shared = NAMESPACES.filter((n) => obs[n.field] === 'host');
    if (shared.length === 0) return null;
    const names = shared.map((n) => n.name);
    const severity = shared.reduce<Severity>(
      (best, n) => (ORDER.indexOf(n.severity) > ORDER.indexOf(best) ? n.severity : best),
      'low',
    );
    return {
      subject: configSubject(obs),
      summary: `${configLabel(obs)} shares the host's ${names.join(', ')} namespace${names.length > 1 ? 's' : ''}`,
      key: names.join(','),
      severity,
      vars: configVars(obs),
    };
  },
);
