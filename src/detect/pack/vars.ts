import type { Observation } from '../../model/observation.js';
import { subjectOf, type Subject } from '../../model/subject.js';
import { apiVars, configLabel, configSubject, configVars, lifecycleVars } from '../describe.js';

/**
 * Template values a data rule gets for free from the observation it matched:
 * names a summary uses and commands a response step runs.
 * Example for a config: { label: "web (image nginx:1.25)", inspect: "docker inspect web" }.
 */
export function varsOf(obs: Observation): Record<string, string> {
  switch (obs.kind) {
    case 'api':
      return apiVars(obs);
    case 'config':
      return { ...configVars(obs), label: configLabel(obs) };
    case 'lifecycle':
      return lifecycleVars(obs);
    case 'file-change': {
      const name = obs.name ?? obs.container?.slice(0, 12) ?? 'the container';
      return { container: name, path: obs.path, change: obs.change };
    }
    case 'image-config':
      return { image: obs.names[0] ?? obs.imageId };
    case 'image-file':
      return { image: obs.imageName ?? obs.imageId, path: obs.path };
    default:
      return {};
  }
}

/** Whom a data rule's finding is about. */
export function subjectFor(obs: Observation, choice: 'default' | 'actor'): Subject {
  if (choice === 'actor' && obs.kind === 'api') return { identity: obs.user };
  return obs.kind === 'config' ? configSubject(obs) : subjectOf(obs);
}
