import type { ImageConfigObservation, ImageFileObservation } from '../../../model/observation.js';
import { commandLine } from '../../../util/text.js';
import type { Lists } from '../../lists.js';
import { isPresent } from './shared.js';

/** A miner or offensive tool found in some text. Example: { miner: true, name: "xmrig" }. */
export interface ToolMatch {
  miner: boolean;
  /** The matched text, lower-cased. Example: "stratum+tcp://". */
  name: string;
}

export function matchTool(text: string, lists: Lists): ToolMatch | null {
  const miner = lists.search('miner-patterns', text);
  if (miner !== null) return { miner: true, name: miner.toLowerCase() };
  const tool = lists.search('offensive-tool-patterns', text);
  return tool === null ? null : { miner: false, name: shortName(tool) };
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
export function fileSightings(obs: ImageFileObservation, lists: Lists): Sighting[] {
  if (!isPresent(obs)) return [];
  const out: Sighting[] = [];
  const byName = matchTool(obs.path, lists);
  if (byName) out.push({ match: byName, where: `file ${obs.path}` });
  if (obs.content && !DOCS.test(obs.path)) {
    const byContent = matchTool(obs.content, lists);
    if (byContent) out.push({ match: byContent, where: `${obs.path} mentions ${byContent.name}` });
  }
  return out;
}

/** The config's Entrypoint and Cmd, and the build steps of its history. */
export function configSightings(obs: ImageConfigObservation, lists: Lists): Sighting[] {
  const out: Sighting[] = [];
  const run = commandLine([...(obs.entrypoint ?? []), ...(obs.command ?? [])]);
  const byCommand = run ? matchTool(run, lists) : null;
  if (byCommand) out.push({ match: byCommand, where: `its command runs ${byCommand.name}` });
  for (const step of obs.history) {
    const byStep = step.createdBy ? matchTool(step.createdBy, lists) : null;
    if (byStep) out.push({ match: byStep, where: `a build step mentions ${byStep.name}` });
  }
  return out;
}
