import type { ConfigObservation } from '../../../model/observation.js';
import { subjectOf, type Subject } from '../../../model/subject.js';

/** The subject of a container setting: the container or pod it belongs to. */
export function configSubject(obs: ConfigObservation): Subject {
  const { addresses: _addresses, ...subject } = subjectOf(obs);
  return subject;
}

/**
 * How a summary names a container: its own name, pod and image.
 * Example: "evidence-tampered (image docker.io/evidence/tampered:1.0)",
 * "container nginx of pod default/web (image nginx:1.25)".
 */
export function configLabel(obs: ConfigObservation): string {
  const who = obs.pod
    ? `container ${obs.name ?? '?'} of pod ${obs.pod.namespace}/${obs.pod.name}`
    : (obs.name ?? obs.container?.slice(0, 12) ?? 'unnamed container');
  return obs.image ? `${who} (image ${obs.image})` : who;
}

/** Template values every container rule can use in its response steps. */
export function configVars(obs: ConfigObservation): Record<string, string> {
  const vars: Record<string, string> = {};
  const name = obs.name ?? obs.container?.slice(0, 12);
  if (name) vars.container = name;
  if (obs.image) vars.image = obs.image;
  if (obs.pod) {
    vars.pod = obs.pod.name;
    vars.namespace = obs.pod.namespace;
  }
  vars.inspect = obs.pod
    ? `kubectl get pod ${obs.pod.name} -n ${obs.pod.namespace} -o yaml`
    : `docker inspect ${name ?? '<container>'}`;
  vars.stop = obs.pod
    ? `kubectl delete pod ${obs.pod.name} -n ${obs.pod.namespace}`
    : `docker stop ${name ?? '<container>'}`;
  vars.export = obs.pod
    ? `kubectl debug node/<node> to copy the pod's filesystem from the node`
    : `docker export ${name ?? '<container>'} -o ${name ?? 'container'}-fs.tar`;
  return vars;
}
