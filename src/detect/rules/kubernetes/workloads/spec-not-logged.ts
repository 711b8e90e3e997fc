import { POD_RESOURCES } from '../../../../readers/kubernetes/workloads.js';
import { guarded, matcher } from '../../../rule.js';
import { isPodResource } from './pod-body.js';
import {
  accepted,
  bodyMissing,
  byWhom,
  isSystemIdentity,
  kindName,
  objectRef,
  userName,
} from './request.js';

/**
 * The other side of the escape-ready rule: a pod or workload created while
 * the audit policy kept only metadata, so no one can say from this log how
 * it was configured. An informational note per create, not a silent pass.
 * Pods the control plane's controllers create copy a template that someone
 * else wrote (and that write is noted): they are counted as not evaluable
 * by the escape-ready rule but get no note of their own, or a cluster whose
 * policy logs pods at Metadata would drown its report in notes.
 * Example: "pod prod/dbg-shell-2 created by system:serviceaccount:dev:deployer;
 * securityContext not logged at Metadata level".
 */
export const k8sWorkloadSpecNotLogged = guarded(
  matcher('k8s-workload-spec-not-logged', ['api'], (api, ctx) => {
    if (api.verb !== 'create' || api.subresource !== null || !isPodResource(api.resource)) {
      return null;
    }
    if (!accepted(api) || !bodyMissing(api)) return null;
    if (isSystemIdentity(ctx.settings.lists, api.user)) return null;
    const ref = objectRef(api);
    const level = api.level ?? 'Metadata';
    return {
      subject: { pod: ref },
      summary:
        `${kindName(api.resource)} ${ref.namespace}/${ref.name} created${byWhom(api)}; ` +
        `securityContext not logged at ${level} level`,
      key: api.auditID ?? `${api.source.path}:${api.source.line ?? 0}`,
      vars: {
        user: userName(api),
        kubectl: `kubectl get ${api.resource} ${ref.name} -n ${ref.namespace} -o yaml`,
      },
    };
  }),
  'resource',
  POD_RESOURCES,
);
