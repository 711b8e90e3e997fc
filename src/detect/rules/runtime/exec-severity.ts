import type { Severity } from '../../../model/severity.js';
import type { Lists } from '../../lists.js';
import type { ContainerFacts } from './facts.js';

/**
 * How bad an exec is, from its command and the container it ran in:
 * - a command that reads secrets, fetches payloads or breaks out: high;
 * - an interactive shell ("sh", "/bin/bash -i"; not "sh -c id", whose
 *   inner command is judged instead): high;
 * - an exec into a privileged or root container: high;
 * - a suspicious command in a privileged or root container: critical.
 * Anything else keeps the card's severity. The reasons go into the summary.
 */
export function execSeverity(
  command: string,
  facts: ContainerFacts | null,
  lists: Lists,
): { severity: Severity | undefined; reasons: string[] } {
  const reasons: string[] = [];
  const suspicious = command !== '' && lists.has('suspicious-command-patterns', command);
  if (suspicious) reasons.push('suspicious command');
  if (isInteractiveShell(command, lists)) reasons.push('interactive shell');
  if (facts?.privileged) reasons.push('privileged container');
  if (facts?.root) reasons.push('runs as root');
  if (reasons.length === 0) return { severity: undefined, reasons };
  const escalated = suspicious && (facts?.privileged || facts?.root);
  return { severity: escalated ? 'critical' : 'high', reasons };
}

/** A shell with no -c script. Example: "/bin/bash", "sh -i"; not "sh -c 'id'". */
function isInteractiveShell(command: string, lists: Lists): boolean {
  if (command === '' || !lists.has('shells', command)) return false;
  return !/(?:^|\s)-[a-z]*c\b/.test(command);
}
