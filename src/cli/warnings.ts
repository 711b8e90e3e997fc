import { expandPaths, type EvidenceFile } from '../evidence/paths.js';
import { openInputs, type InputSet } from '../readers/inputs.js';
import type { InputWarning, WarningSink } from '../readers/run.js';
import { plural } from '../util/text.js';
import type { Io } from './io.js';
import type { Logger } from './log.js';

/** Each located problem on stderr with `--verbose`; a summary per input otherwise. */
export function warningSink(log: Logger): WarningSink {
  return (path, warning) => log.debug('readers', `${path}${where(warning)}: ${warning.message}`);
}

export function reportInputProblems(inputs: InputSet, log: Logger): void {
  for (const input of inputs.read) {
    const { stats } = input;
    const total = stats.warnings.length + stats.moreWarnings;
    if (total === 0) continue;
    const first = stats.warnings[0]!;
    const bad = stats.skipped > 0 ? `${plural(stats.skipped, 'bad record')} skipped, ` : '';
    log.warn(
      `readers:${stats.format}`,
      `${stats.path}: ${bad}${plural(total, 'warning')}; first${at(first)}: ${first.message}`,
    );
  }
  for (const skipped of inputs.skipped) {
    log.debug('evidence', `skipped ${skipped.path}: ${skipped.reason}`);
  }
}

/** Where a warning is, in words. Example: " at line 7", " in member layer.tar". */
function at(w: InputWarning): string {
  if (w.line !== undefined) return ` at line ${w.line}`;
  if (w.member !== undefined) return ` in member ${w.member}`;
  return '';
}

function where(w: InputWarning): string {
  if (w.line !== undefined) return `:${w.line}`;
  if (w.member !== undefined) return `!${w.member}`;
  return '';
}

/** A terminal on stdin means a person is expected to type or paste the evidence: say so. */
export function hintStdin(paths: string[], io: Io, log: Logger): void {
  if (paths.includes('-') && (io.stdin as { isTTY?: boolean }).isTTY === true) {
    log.info('evidence', 'reading evidence from standard input; end it with Ctrl-D');
  }
}

/**
 * The first step every command that reads evidence shares: expand the paths
 * (the current folder by default), then open, hash and sniff every file.
 */
export async function openEvidenceFor(
  paths: string[],
  io: Io,
  log: Logger,
): Promise<{ files: EvidenceFile[]; inputs: InputSet }> {
  const files = await expandPaths(paths.length > 0 ? paths : ['.']);
  hintStdin(paths, io, log);
  return { files, inputs: await openInputs(files, warningSink(log), io.stdin) };
}
