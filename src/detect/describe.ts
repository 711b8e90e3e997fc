import type {
  ApiObservation,
  ConfigObservation,
  LifecycleObservation,
} from '../model/observation.js';
import { subjectOf, type Subject } from '../model/subject.js';

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

/** How a request names what it touched. Example: "pods dev/dbg-shell", "clusterroles admin". */
export function apiTarget(obs: ApiObservation): string {
  const where = [obs.namespace, obs.name].filter((p) => p).join('/');
  const what = obs.subresource
    ? `${obs.resource ?? '?'}/${obs.subresource}`
    : (obs.resource ?? '?');
  return where ? `${what} ${where}` : what;
}

/** Template values every audit-log rule can use. */
export function apiVars(obs: ApiObservation): Record<string, string> {
  const ns = obs.namespace ? ` -n ${obs.namespace}` : '';
  const vars: Record<string, string> = {
    user: obs.user ?? 'an unknown identity',
    verb: obs.verb ?? '?',
    target: apiTarget(obs),
    object: [obs.namespace, obs.name].filter((p) => p).join('/') || (obs.resource ?? '?'),
    sourceIP: obs.sourceIPs[0] ?? 'an unlogged address',
    userAgent: obs.userAgent ?? 'no user agent',
    auditID: obs.auditID ?? '?',
    kubectl:
      obs.resource && obs.name
        ? `kubectl get ${obs.resource} ${obs.name}${ns} -o yaml`
        : `kubectl get ${obs.resource ?? 'all'}${ns || ' -A'}`,
    revoke: obs.user
      ? `kubectl auth can-i --list --as=${obs.user}`
      : 'kubectl auth can-i --list --as=<identity>',
  };
  return vars;
}

/** Template values of a lifecycle record. */
export function lifecycleVars(obs: LifecycleObservation): Record<string, string> {
  const name = obs.name ?? obs.container?.slice(0, 12) ?? 'the container';
  return {
    container: name,
    action: obs.action,
    detail: obs.detail ?? '',
    image: obs.image ?? 'its image',
    inspect: `docker inspect ${name}`,
    stop: `docker stop ${name}`,
    export: `docker export ${name} -o ${name}-fs.tar`,
  };
}
