import { POD_RESOURCES } from '../../../../readers/kubernetes/workloads.js';
import type { ApiObservation } from '../../../../model/observation.js';
import type { Hit, RuleContext, RuleLogic } from '../../../rule.js';
import { patchReasons } from './escape-patch.js';
import { escapeReasons, severityOf, type Reason } from './escape-reasons.js';
import { jsonPatchOf } from './json-patch.js';
import { isPodResource, podBodyOf } from './pod-body.js';
import {
  accepted,
  bodyMissing,
  byWhom,
  kindName,
  objectRef,
  pastTense,
  unjudgedReason,
  userName,
  WRITE_VERBS,
} from './request.js';

/**
 * A pod, or a workload's pod template, written with settings that open the
 * way to the node: privileged, host namespaces, host paths, added
 * capabilities, no seccomp or AppArmor. One hit per request naming every
 * reason; the audit reader folds a request's stages, and the key folds a
 * request seen twice, so one create is one finding.
 * Example: "pod dev/dbg-shell created by system:serviceaccount:dev:deployer
 * with hostPID, privileged (container sh)".
 */
export const k8sEscapeReadyWorkload: RuleLogic = {
  id: 'k8s-escape-ready-workload',
  kinds: ['api'],
  guard: { field: 'resource', values: POD_RESOURCES },
  create: (ctx) => ({
    observe(obs, emit) {
      if (obs.kind !== 'api') return;
      const hit = escapeHit(obs, ctx);
      if (hit) emit(hit, obs);
    },
  }),
};

function escapeHit(api: ApiObservation, ctx: RuleContext): Hit | null {
  if (api.verb === null || !WRITE_VERBS.has(api.verb) || !accepted(api)) return null;
  if (!isPodResource(api.resource)) return null;
  if (api.subresource !== null && api.subresource !== 'ephemeralcontainers') return null;
  if (bodyMissing(api)) return unreadHit(api, ctx);
  const body = podBodyOf(api);
  if (body === null) return null;
  const ref = objectRef(api);
  const reasons = escapeReasons(body.containers, ref.namespace, ctx.settings.lists);
  const images = [...new Set(body.containers.map((c) => c.image).filter((i) => i !== null))];
  return reasonsHit(api, reasons, images.join(', ') || 'its images');
}

/**
 * A write with no object to read: a JSON patch is read operation by
 * operation; anything else is counted as not evaluable, with why.
 */
function unreadHit(api: ApiObservation, ctx: RuleContext): Hit | null {
  const patch = jsonPatchOf(api);
  if (patch === null) {
    ctx.notEvaluable(api.source.path, unjudgedReason(api));
    return null;
  }
  return reasonsHit(api, patchReasons(patch, ctx.settings.lists), 'its images', ' (JSON patch)');
}

function reasonsHit(api: ApiObservation, reasons: Reason[], images: string, how = ''): Hit | null {
  if (reasons.length === 0) return null;
  const ref = objectRef(api);
  const texts = reasons.map((r) => r.text);
  const what = `${kindName(api.resource)} ${ref.namespace}/${ref.name}`;
  return {
    subject: { pod: ref, identity: api.user },
    summary: `${what} ${pastTense(api.verb)}${byWhom(api)} with ${texts.join(', ')}${how}`,
    key: texts.join('; '),
    severity: severityOf(reasons),
    vars: {
      user: userName(api),
      reasons: texts.join(', '),
      images,
      kubectl: `kubectl get ${api.resource} ${ref.name} -n ${ref.namespace} -o yaml`,
    },
  };
}
