import type { ApiObservation } from '../../../../model/observation.js';
import type { Hit, RuleContext, RuleLogic } from '../../../rule.js';
import { escapeReasons, severityOf } from './escape-reasons.js';
import { isPodResource, podBodyOf } from './pod-body.js';
import {
  accepted,
  bodyMissing,
  byWhom,
  kindName,
  objectRef,
  pastTense,
  WRITE_VERBS,
} from './request.js';

export const NOT_LOGGED = 'audit level Metadata carries no request body';

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
  if (bodyMissing(api)) {
    ctx.notEvaluable(api.source.path, NOT_LOGGED);
    return null;
  }
  const body = podBodyOf(api);
  if (body === null) return null;
  const ref = objectRef(api);
  const reasons = escapeReasons(body.containers, ref.namespace, ctx.settings.lists);
  if (reasons.length === 0) return null;
  const texts = reasons.map((r) => r.text);
  const what = `${kindName(api.resource)} ${ref.namespace}/${ref.name}`;
  const images = [...new Set(body.containers.map((c) => c.image).filter((i) => i !== null))];
  return {
    subject: { pod: ref, identity: api.user },
    summary: `${what} ${pastTense(api.verb)}${byWhom(api)} with ${texts.join(', ')}`,
    key: texts.join('; '),
    severity: severityOf(reasons),
    vars: {
      user: api.user ?? 'an unknown identity',
      reasons: texts.join(', '),
      images: images.join(', ') || 'its images',
      kubectl: `kubectl get ${api.resource} ${ref.name} -n ${ref.namespace} -o yaml`,
    },
  };
}
