import { matcher, type Hit } from '../../rule.js';
import { fileVars, imageLabel, imageSubject, layerLabel } from './shared.js';

const SETUID = 0o4000;
const SETGID = 0o2000;
const WHICH: Record<number, string> = {
  [SETUID]: 'setuid',
  [SETGID]: 'setgid',
  [SETUID | SETGID]: 'setuid and setgid',
};

/** Folders where distributions install setuid programs. */
const USUAL = /^\/(?:bin|sbin|lib|lib32|lib64|usr\/(?:bin|sbin|lib|lib32|lib64|libexec))\//;

export const imageSetuidAdded = matcher('image-setuid-added', ['image-file'], (obs): Hit | null => {
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
