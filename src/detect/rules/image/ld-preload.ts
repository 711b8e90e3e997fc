import type { ImageFileObservation } from '../../../model/observation.js';
import { matcher, type AdsCard, type Hit } from '../../rule.js';
import { fileVars, imageLabel, imageSubject, isPresent, layerLabel } from './shared.js';

const card: AdsCard = {
  id: 'image-ld-preload',
  title: 'Image preloads a library into every process (/etc/ld.so.preload)',
  severity: 'high',
  confidence: 0.9,
  attack: ['T1574.006', 'T1014'],
  dataSources: [
    'image file entries: docker save and OCI archives, container exports (docker export)',
  ],
  goal:
    'Find images that ship /etc/ld.so.preload, the file the dynamic loader reads to inject a ' +
    'library into every program: the usual way userland rootkits (libprocesshider and its kin) ' +
    'hide processes, files and connections from ps, ls and netstat inside the container.',
  strategy:
    'Any layer entry at /etc/ld.so.preload that is a file, hard link or symbolic link. The ' +
    'libraries it names (one per line or space-separated; # starts a comment) go in the summary; ' +
    'a file naming at least one library is critical.',
  blindSpots: [
    'LD_PRELOAD set in the config Env or in a start script instead of the file.',
    'A preload file written at run time (the container diff, not the image, shows it).',
    'A library injected through /etc/ld.so.conf.d or a patched loader.',
  ],
  falsePositives: [
    'Memory allocators or profilers (jemalloc, libfaketime) preloaded on purpose in a few images.',
  ],
  validation: [
    'test/rules/image/ld-preload.test.ts',
    'evidence lab/images/tampered.docker.tar fires; lab/images/base.docker.tar stays quiet',
  ],
  response: [
    'Do not run {entity}; list the containers started from it (docker ps -a --filter ancestor={entity}) and stop them.',
    'Copy {libraries} out of {entity} without running it (docker create --name probe {entity}; docker cp probe:{library} .) and analyse it offline for hooks on readdir, open or fopen.',
    'On every host that ran {entity}, compare ps with a raw /proc listing to find processes the library hid.',
    'Find who built and pushed the layer that added {path} ({layer} of {entity}) and rebuild the image from a trusted base.',
  ],
};

const PRELOAD = '/etc/ld.so.preload';

export const imageLdPreload = matcher(card, ['image-file'], (obs): Hit | null => {
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
