import { POD_RESOURCES } from '../../../../readers/kubernetes/workloads.js';
import type { ApiObservation } from '../../../../model/observation.js';
import type { Hit, RuleContext } from '../../../rule.js';
import { guarded, matcher } from '../../../rule.js';
import { isPodResource, podBodyOf } from './pod-body.js';
import {
  accepted,
  bodyMissing,
  byWhom,
  isSystemIdentity,
  kindName,
  objectRef,
  unjudgedReason,
  userName,
} from './request.js';

/** Namespaces that hold the control plane's add-ons and nothing else. */
const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public']);

/**
 * A pod (or workload) created in kube-system or kube-public running an image
 * that is not one of the control plane's: a place few people look, and a
 * namespace whose service accounts carry power. High when a person (not a
 * controller) created it.
 * Example: "pod kube-system/nginx-7998647bdf- created by
 * system:serviceaccount:kube-system:replicaset-controller runs nginx".
 */
export const k8sSystemNamespacePod = guarded(
  matcher('k8s-system-namespace-pod', ['api'], (api, ctx) =>
    api.verb === 'create' && api.subresource === null && isPodResource(api.resource)
      ? systemPodHit(api, ctx)
      : null,
  ),
  'resource',
  POD_RESOURCES,
);

/**
 * Only pod and workload creates can be judged or left unjudged here: a lease,
 * ConfigMap or Secret created in kube-system at Metadata level runs nothing.
 */
function systemPodHit(api: ApiObservation, ctx: RuleContext): Hit | null {
  const ref = objectRef(api);
  if (!SYSTEM_NAMESPACES.has(ref.namespace) || !accepted(api)) return null;
  if (bodyMissing(api)) {
    ctx.notEvaluable(api.source.path, unjudgedReason(api));
    return null;
  }
  const body = podBodyOf(api);
  if (body === null) return null;
  const lists = ctx.settings.lists;
  const foreign = body.containers
    .map((c) => c.image ?? '(no image)')
    .filter((image) => !lists.has('system-images', image));
  if (foreign.length === 0) return null;
  const images = [...new Set(foreign)].join(', ');
  const person = !isSystemIdentity(lists, api.user);
  const what = `${kindName(api.resource)} ${ref.namespace}/${ref.name}`;
  return {
    subject: { pod: ref },
    summary: `${what} created${byWhom(api)} runs ${images}`,
    key: images,
    ...(person ? { severity: 'high' as const } : {}),
    vars: {
      user: userName(api),
      images,
      kubectl: `kubectl get ${api.resource} ${ref.name} -n ${ref.namespace} -o yaml`,
    },
  };
}
