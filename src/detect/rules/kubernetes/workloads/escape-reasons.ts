import type { ConfigObservation, Mount } from '../../../../model/observation.js';
import { SEVERITIES, severityRank, type Severity } from '../../../../model/severity.js';
import { hostPathClass, normalizePath } from '../../../host-paths.js';
import { capabilityName, type Lists } from '../../../lists.js';

/**
 * Why a container could leave its isolation, each reason with the severity
 * it earns alone. Example: { text: "privileged (container sh)", severity: "high" }.
 */
export interface Reason {
  text: string;
  severity: Severity;
  /** Never excused by a trusted image: the whole host's files, or an attacker's command. */
  always?: boolean;
}

/**
 * Reasons of every container of one request, in a stable order, without
 * repeats (pod-level settings show on every container and count once).
 * Images an operator trusts to run privileged are excused their privileges,
 * and so are the control plane's own images in kube-system; but an image
 * name is the writer's to choose, so a mount of the host's root and a
 * command that breaks out or fetches a payload count whatever the image.
 */
export function escapeReasons(
  containers: readonly ConfigObservation[],
  namespace: string,
  lists: Lists,
): Reason[] {
  const found = new Map<string, Reason>();
  for (const c of containers) {
    const reasons = containerReasons(c, lists);
    const command = commandReason(c, lists);
    if (command) reasons.push(command);
    const excused = trusted(c.image, namespace, lists) && command === null;
    for (const reason of reasons) if (!excused || reason.always) found.set(reason.text, reason);
  }
  return [...found.values()];
}

/**
 * A command or arguments that break out, fetch and run a payload, or mine.
 * Example: ["nsenter", "-t", "1", "-a", "sh"] → "runs nsenter (container c)".
 */
function commandReason(c: ConfigObservation, lists: Lists): Reason | null {
  if (c.command === null || c.command.length === 0) return null;
  const line = c.command.join(' ');
  const found =
    lists.search('suspicious-command-patterns', line) ??
    lists.search('offensive-tool-patterns', line) ??
    lists.search('miner-patterns', line);
  if (found === null) return null;
  const text = `runs ${found.slice(0, 60)} (container ${c.name ?? '?'})`;
  return { text, severity: 'high', always: true };
}

function trusted(image: string | null, namespace: string, lists: Lists): boolean {
  if (image === null) return false;
  if (lists.has('trusted-privileged-images', image)) return true;
  return namespace === 'kube-system' && lists.has('system-images', image);
}

function containerReasons(c: ConfigObservation, lists: Lists): Reason[] {
  const who = `container ${c.name ?? '?'}`;
  const out: Reason[] = [];
  if (c.pidMode === 'host') out.push({ text: 'hostPID', severity: 'high' });
  if (c.ipcMode === 'host') out.push({ text: 'hostIPC', severity: 'medium' });
  if (c.networkMode === 'host') out.push({ text: 'hostNetwork', severity: 'medium' });
  if (c.privileged === true) out.push({ text: `privileged (${who})`, severity: 'high' });
  const caps = c.capAdd.filter((cap) => lists.has('dangerous-capabilities', capabilityName(cap)));
  if (caps.length > 0) {
    const names = caps.map(capabilityName).join(', ');
    out.push({ text: `capabilities ${names} (${who})`, severity: 'high' });
  }
  if (c.seccomp === 'unconfined')
    out.push({ text: `seccomp unconfined (${who})`, severity: 'medium' });
  if (c.apparmor === 'unconfined') {
    out.push({ text: `AppArmor unconfined (${who})`, severity: 'medium' });
  }
  for (const mount of c.mounts) {
    const reason = mountReason(mount, lists, who);
    if (reason) out.push(reason);
  }
  return out;
}

/**
 * A hostPath mount that hands over the host. Example: "/var/run/docker.sock"
 * is the runtime's control socket; "/" is every file of the node.
 */
function mountReason(mount: Mount, lists: Lists, who: string): Reason | null {
  if (mount.type !== 'hostPath' || mount.source === null) return null;
  return hostPathReason(mount.source, `at ${mount.destination} (${who})`, lists);
}

/**
 * The reason a host path earns, or null for an ordinary folder; `where`
 * follows the path in the text. Example: ("/", "at /h (container c)") →
 * "host root / at /h (container c)", critical.
 */
export function hostPathReason(source: string, where: string, lists: Lists): Reason | null {
  const text = `${normalizePath(source)} ${where}`;
  switch (hostPathClass(source, lists)) {
    case 'socket':
      return { text: `runtime socket ${text}`, severity: 'critical' };
    case 'root':
      return { text: `host root ${text}`, severity: 'critical', always: true };
    case 'sensitive':
      return { text: `sensitive host path ${text}`, severity: 'high' };
    default:
      return null;
  }
}

/**
 * The worst reason decides; privileged with the host's PID namespace is one
 * `nsenter -t 1` from a root shell on the node, so the pair is critical.
 */
export function severityOf(reasons: readonly Reason[]): Severity {
  let worst = 0;
  for (const r of reasons) worst = Math.max(worst, severityRank(r.severity));
  const privileged = reasons.some((r) => r.text.startsWith('privileged'));
  if (privileged && reasons.some((r) => r.text === 'hostPID')) worst = severityRank('critical');
  return SEVERITIES[worst]!;
}
