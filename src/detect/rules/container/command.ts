import { configLabel, configSubject, configVars } from '../../describe.js';
import { matcher } from '../../rule.js';
import { isLiveConfig } from './scope.js';

/**
 * An entrypoint or command that fetches and runs a payload, decodes one,
 * opens a reverse shell or steps into the host: the container exists to run
 * it. Inspect: Path + Args (Entrypoint + Cmd); pod spec: command + args. The
 * words are joined with spaces, so "nc", "-e", "/bin/sh" reads "nc -e /bin/sh".
 * Patterns: the suspicious-command-patterns list.
 */
export const containerSuspiciousCommand = matcher(
  'container-suspicious-command',
  ['config'],
  (obs, ctx) => {
    if (!obs.command || obs.command.length === 0 || !isLiveConfig(obs)) return null;
    // NOTE: the joined text is cut, so that a megabyte-long argument costs no more than 8 KiB.
    const text = obs.command.join(' ').slice(0, 8192);
    const match = ctx.settings.lists.search('suspicious-command-patterns', text);
    if (match === null) return null;
    const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    return {
      subject: configSubject(obs),
      summary: `${configLabel(obs)} runs a suspicious command (${match}): ${shown}`,
      key: match.toLowerCase(),
      vars: { ...configVars(obs), match, command: shown },
    };
  },
);
