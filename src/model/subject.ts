import type { Observation, PodRef } from './observation.js';

/**
 * The names an observation knows its subject by. The entity resolver joins
 * these across sources; a detector may also build one for a finding.
 */
export interface Subject {
  /** Full or short container ID. Example: "4e4aaba029bc". */
  containerId?: string | null;
  containerName?: string | null;
  pod?: PodRef | null;
  /** Image config digest. Example: "sha256:cda5…". */
  imageId?: string | null;
  /** Image references the subject runs or is named by. */
  imageNames?: string[];
  addresses?: string[];
  /** A Kubernetes user or service account. */
  identity?: string | null;
}

/** The subject of an observation, read from the fields its kind carries. */
export function subjectOf(obs: Observation): Subject {
  switch (obs.kind) {
    case 'config':
      return {
        containerId: obs.container,
        containerName: obs.name,
        pod: obs.pod,
        imageId: obs.imageId,
        imageNames: obs.image ? [obs.image] : [],
        addresses: obs.addresses,
      };
    case 'lifecycle':
      return { containerId: obs.container, containerName: obs.name, pod: obs.pod };
    case 'resource':
    case 'log':
    case 'file-change':
      return { containerId: obs.container, containerName: obs.name };
    case 'image-config':
      return { imageId: obs.imageId, imageNames: obs.names };
    case 'image-file':
      return { imageId: obs.imageId };
    case 'api':
      return apiSubject(obs.resource, obs.namespace, obs.name, obs.user);
    case 'flow':
      return { addresses: [obs.src, obs.dst].filter((a): a is string => a !== null) };
  }
}

function apiSubject(
  resource: string | null,
  namespace: string | null,
  name: string | null,
  user: string | null,
): Subject {
  if (resource === 'pods' && namespace && name) return { pod: { namespace, name } };
  return { identity: user };
}
