import type { ImageConfigObservation, ImageFileObservation } from '../../../model/observation.js';
import { commandLine } from '../../../util/text.js';
import { MINER_PATTERNS, OFFENSIVE_TOOL_PATTERNS } from '../../lists.js';
import { isPresent } from './shared.js';

/** A miner or offensive tool found in some text. Example: { miner: true, name: "xmrig" }. */
export interface ToolMatch {
  miner: boolean;
  /** The matched text, lower-cased. Example: "stratum+tcp://". */
  name: string;
}

export function matchTool(text: string): ToolMatch | null {
  for (const p of MINER_PATTERNS) {
    const m = p.exec(text);
    if (m) return { miner: true, name: m[0].toLowerCase() };
  }
  for (const p of OFFENSIVE_TOOL_PATTERNS) {
    const m = p.exec(text);
    if (m) return { miner: false, name: shortName(m[0]) };
  }
  return null;
}

/** A tool pattern may match a whole command line; its first word names the tool. */
function shortName(matched: string): string {
  return matched.trim().split(/\s+/)[0]!.toLowerCase();
}

/** Where one match was found, in words for the summary. Example: "file /usr/local/bin/xmrig". */
export interface Sighting {
  match: ToolMatch;
  where: string;
}

/**
 * Documentation trees mention miners and tools without shipping them.
 * NOTE: files there are not read for content; their names still count.
 */
const DOCS = /^\/usr\/share\/(?:doc|man|info|licenses|common-licenses)\//;

/** A file whose name is a miner or tool, or a small text file that runs or configures one. */
export function fileSightings(obs: ImageFileObservation): Sighting[] {
  if (!isPresent(obs)) return [];
  const out: Sighting[] = [];
  const byName = matchTool(obs.path);
  if (byName) out.push({ match: byName, where: `file ${obs.path}` });
  if (obs.content && !DOCS.test(obs.path)) {
    const byContent = matchTool(obs.content);
    if (byContent) out.push({ match: byContent, where: `${obs.path} mentions ${byContent.name}` });
  }
  return out;
}

/** The config's Entrypoint and Cmd, and the build steps of its history. */
export function configSightings(obs: ImageConfigObservation): Sighting[] {
  const out: Sighting[] = [];
  const run = commandLine([...(obs.entrypoint ?? []), ...(obs.command ?? [])]);
  const byCommand = run ? matchTool(run) : null;
  if (byCommand) out.push({ match: byCommand, where: `its command runs ${byCommand.name}` });
  for (const step of obs.history) {
    const byStep = step.createdBy ? matchTool(step.createdBy) : null;
    if (byStep) out.push({ match: byStep, where: `a build step mentions ${byStep.name}` });
  }
  return out;
}
