import type { ImageConfigObservation, ImageFileObservation } from '../../../model/observation.js';
import { matcher, type AdsCard, type Hit } from '../../rule.js';
import { fileVars, imageLabel, imageSubject } from './shared.js';
import { configSightings, fileSightings, type Sighting } from './tool-match.js';

const card: AdsCard = {
  id: 'image-miner-or-tool',
  title: 'Image ships a cryptominer or an offensive tool',
  severity: 'high',
  confidence: 0.8,
  attack: ['T1496', 'T1588.002', 'T1610'],
  dataSources: [
    'image file entries: docker save and OCI archives, container exports',
    'image configs: archives, docker/podman image inspect, podman history',
  ],
  goal:
    'Find images made to mine cryptocurrency or to attack from inside a cluster: the payload ' +
    'hides in an image that looks like a workload.',
  strategy:
    'Match the shared miner and offensive-tool lists against file paths, the text of small ' +
    "files (pool configs with stratum+tcp://, crontab lines that start a miner), the config's " +
    'Entrypoint and Cmd, and the build steps in its history. All miner sightings in one image ' +
    'make one finding; each tool makes its own. Miners are high, tools medium.',
  blindSpots: [
    'Renamed binaries with no telling name or config; packed or downloaded at run time.',
    'Text files over 8 KiB and files under /usr/share/doc and /usr/share/man are not read.',
  ],
  falsePositives: [
    'Security tooling images (scanners, red-team kits) built on purpose.',
    'Documentation or test data that mentions a miner by name.',
  ],
  validation: [
    'test/rules/image/miner-or-tool.test.ts',
    'evidence lab/images/tampered.docker.tar fires (xmrig, stratum pool config, crontab, Cmd)',
  ],
  response: [
    'Stop containers running {entity} (docker ps --filter ancestor={entity}) and keep one filesystem: docker export.',
    'Review each sighting listed as evidence (among them: {where}) and how it starts: Cmd, Entrypoint, crontab, init scripts.',
    'Check flows from its hosts for mining pools (stratum ports 3333, 4444, 5555, 14444) and for scanning.',
    'Find who pulled or built {entity}, remove it from registries and hosts, and rotate credentials the containers could read.',
  ],
};

export const imageMinerOrTool = matcher(card, ['image-file', 'image-config'], (obs): Hit[] => {
  const sightings = obs.kind === 'image-file' ? fileSightings(obs) : configSightings(obs);
  return groupByKey(sightings).map((group) => hitOf(obs, group));
});

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
