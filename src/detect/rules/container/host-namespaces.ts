import type { ConfigObservation } from '../../../model/observation.js';
import type { Severity } from '../../../model/severity.js';
import { matcher } from '../../rule.js';
import { configLabel, configSubject, configVars } from '../../describe.js';
import { isLiveConfig, isTrustedPrivileged } from './scope.js';

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
  'container-host-namespaces',
  ['config'],
  (obs, ctx) => {
    if (!isLiveConfig(obs) || isTrustedPrivileged(obs, ctx.settings.lists)) return null;
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
