import type { ImageConfigObservation, ImageFileObservation } from '../../../model/observation.js';
import { matcher, type Hit } from '../../rule.js';
import { fileVars, imageLabel, imageSubject } from './shared.js';
import { configSightings, fileSightings, type Sighting } from './tool-match.js';

export const imageMinerOrTool = matcher(
  'image-miner-or-tool',
  ['image-file', 'image-config'],
  (obs, ctx): Hit[] => {
    const lists = ctx.settings.lists;
    const sightings =
      obs.kind === 'image-file' ? fileSightings(obs, lists) : configSightings(obs, lists);
    return groupByKey(sightings).map((group) => hitOf(obs, group));
  },
);

/** All miners share one key per image; each tool has its own. */
function keyOf(s: Sighting): string {
  return s.match.miner ? 'miner' : `tool:${s.match.name}`;
}

/** One hit per key and observation, naming every place it was seen there. */
function groupByKey(sightings: Sighting[]): Sighting[][] {
  const groups = new Map<string, Sighting[]>();
  for (const s of sightings) groups.set(keyOf(s), [...(groups.get(keyOf(s)) ?? []), s]);
  return [...groups.values()];
}

function hitOf(obs: ImageFileObservation | ImageConfigObservation, group: Sighting[]): Hit {
  const { match } = group[0]!;
  const what = match.miner ? 'a cryptominer' : `the offensive tool ${match.name}`;
  const where = group.map((s) => s.where).join('; ');
  const vars = obs.kind === 'image-file' ? fileVars(obs) : {};
  return {
    subject: imageSubject(obs),
    summary: `image ${imageLabel(obs)} carries ${what}: ${where}`,
    key: keyOf(group[0]!),
    severity: match.miner ? 'high' : 'medium',
    vars: { ...vars, where, tool: match.name },
  };
}
