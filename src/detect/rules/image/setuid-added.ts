import { matcher, type AdsCard, type Hit } from '../../rule.js';
import { fileVars, imageLabel, imageSubject, layerLabel } from './shared.js';

const card: AdsCard = {
  id: 'image-setuid-added',
  title: 'Image layer adds a setuid or setgid program',
  severity: 'medium',
  confidence: 0.7,
  attack: ['T1548.001'],
  dataSources: ['image file entries: docker save and OCI archives'],
  goal:
    'Find setuid and setgid programs that an image adds on top of its base: a planted root ' +
    'shell lets anyone who gets into the container become root there.',
  strategy:
    'Regular files (and hard links) with the setuid (4000) or setgid (2000) bit in a layer at ' +
    'or above the base image: the layers the image shares with another image of the same ' +
    'archive, or else the bottom layer, count as base. Root-owned ones in a hidden path (a ' +
    'name starting with a dot) or outside the usual program folders are high.',
  blindSpots: [
    'A container export is one layer with no base; its setuid files are never flagged.',
    'A base image built by the adversary: what it ships counts as base.',
    'Capabilities set in extended attributes (setcap) are not read.',
  ],
  falsePositives: [
    'Packages that ship setuid helpers (sudo, ping, passwd, Xorg) installed by a Dockerfile.',
  ],
  validation: [
    'test/rules/image/setuid-added.test.ts',
    'evidence lab/images/tampered.docker.tar fires on /usr/local/sbin/.rootsh',
  ],
  response: [
    'Find which package or build step put {path} into {layer} of {entity}; if none did, treat it as a planted backdoor.',
    "Copy {path} out of {entity} without running it (docker create --name probe {entity}; docker cp probe:{path} .) and compare its SHA-256 ({hash}) with the distribution's binaries.",
    'Look for use of it in containers from {entity}: exec events, process listings, shell history.',
    'Rebuild {entity} without it, or remove the bit (chmod u-s,g-s {path}) in the Dockerfile.',
  ],
};

const SETUID = 0o4000;
const SETGID = 0o2000;
const WHICH: Record<number, string> = {
  [SETUID]: 'setuid',
  [SETGID]: 'setgid',
  [SETUID | SETGID]: 'setuid and setgid',
};

/** Folders where distributions install setuid programs. */
const USUAL = /^\/(?:bin|sbin|lib|lib32|lib64|usr\/(?:bin|sbin|lib|lib32|lib64|libexec))\//;

export const imageSetuidAdded = matcher(card, ['image-file'], (obs): Hit | null => {
  if (obs.type !== 'file' && obs.type !== 'hardlink') return null;
  const mode = parseInt(obs.mode, 8);
  const bits = Number.isNaN(mode) ? 0 : mode & (SETUID | SETGID);
  if (bits === 0 || (obs.source.layer ?? 0) < Math.max(obs.baseLayers, 1)) return null;
  const which = WHICH[bits] ?? 'setuid';
  const place = placeOf(obs.path);
  const owner = obs.uid === 0 ? 'root' : `uid ${obs.uid}`;
  const where = place ? `, ${place}` : '';
  return {
    subject: imageSubject(obs),
    summary:
      `image ${imageLabel(obs)} adds ${which} ${owner} program ${obs.path} ` +
      `(${layerLabel(obs)}${where})`,
    key: obs.path,
    severity: obs.uid === 0 && place ? 'high' : 'medium',
    vars: { ...fileVars(obs), hash: obs.sha256 ?? 'not recorded' },
  };
});

/** Why the path is odd for a setuid program, or null. Example: "/usr/sbin/.rootsh" -> "hidden". */
function placeOf(path: string): string | null {
  if (path.split('/').some((part) => part.startsWith('.'))) return 'hidden';
  return USUAL.test(path) ? null : 'outside the usual program folders';
}
