import type { ImageFileObservation } from '../../../model/observation.js';
import { matcher, type Hit } from '../../rule.js';
import { fileVars, imageLabel, imageSubject, isPresent, layerLabel } from './shared.js';

const PRELOAD = '/etc/ld.so.preload';

export const imageLdPreload = matcher('image-ld-preload', ['image-file'], (obs): Hit | null => {
  if (obs.path !== PRELOAD || !isPresent(obs)) return null;
  const libraries = librariesOf(obs);
  const named = libraries.length > 0 ? libraries.join(', ') : null;
  const what = named ? `preloads ${named} into every process` : describeUnread(obs);
  return {
    subject: imageSubject(obs),
    summary: `${PRELOAD} in image ${imageLabel(obs)} (${layerLabel(obs)}) ${what}`,
    key: obs.path,
    severity: named ? 'critical' : 'high',
    vars: {
      ...fileVars(obs),
      library: libraries[0] ?? PRELOAD,
      libraries: named ?? 'the preloaded library',
    },
  };
});

/**
 * ld.so(8): the file holds ELF libraries separated by white space;
 * Example content: "/usr/local/lib/libprocesshider.so\n".
 */
function librariesOf(obs: ImageFileObservation): string[] {
  if (!obs.content) return [];
  return obs.content
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .flatMap((line) => line.split(/[\s:]+/))
    .filter((word) => word !== '');
}

function describeUnread(obs: ImageFileObservation): string {
  if (obs.type === 'symlink') {
    const target = obs.linkTarget ?? 'an unknown target';
    return `links to ${target}: what that names is preloaded everywhere`;
  }
  if (obs.content !== null) return 'is present but names no library (a hook ready for one)';
  return 'preloads libraries into every process (content not read)';
}
