import type { ApiObservation, Observation } from '../../../../model/observation.js';
import { arr, obj, str } from '../../../../util/text.js';
import { apiVars } from '../../../describe.js';
import type { Emit, RuleInstance, RuleLogic } from '../../../rule.js';
import { succeeded } from './request.js';

/**
 * NOTE: CSRs whose creation is remembered at once; the oldest is forgotten
 * first. A CSR is approved within minutes of its creation, or never.
 */
const MAX_PENDING = 10_000;

interface Created {
  user: string;
  obs: ApiObservation;
}

/**
 * One identity creating a CertificateSigningRequest and approving it
 * itself: a client certificate minted without a second pair of eyes,
 * valid for a year and not revocable.
 * Spec: https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/
 * Example: alice creates csr "alice-admin", then updates
 * certificatesigningrequests/approval of "alice-admin".
 */
export const csrSelfApproved: RuleLogic = {
  id: 'k8s-csr-self-approved',
  kinds: ['api'],
  guard: { field: 'resource', values: ['certificatesigningrequests'] },
  create: () => new CsrSelfApproved(),
};

class CsrSelfApproved implements RuleInstance {
  private readonly created = new Map<string, Created>();

  observe(obs: Observation, emit: Emit): void {
    if (obs.kind !== 'api' || obs.resource !== 'certificatesigningrequests') return;
    if (!obs.name || !obs.user || !succeeded(obs)) return;
    if (obs.verb === 'create' && obs.subresource === null) this.remember(obs.name, obs.user, obs);
    else if (obs.subresource === 'approval' && (obs.verb === 'update' || obs.verb === 'patch')) {
      this.judge(obs, emit);
    }
  }

  private remember(name: string, user: string, obs: ApiObservation): void {
    this.created.delete(name);
    this.created.set(name, { user, obs });
    if (this.created.size > MAX_PENDING) {
      this.created.delete(this.created.keys().next().value as string);
    }
  }

  private judge(obs: ApiObservation, emit: Emit): void {
    const created = this.created.get(obs.name!);
    const verdict = approval(obs);
    if (!created || created.user !== obs.user || verdict === 'denied') return;
    const signer = str(obj(obj(created.obs.requestObject)?.['spec'])?.['signerName']);
    emit(
      {
        subject: { identity: obs.user },
        summary:
          `${obs.user} created and approved certificate request ${obs.name}` +
          (signer ? ` (signer ${signer})` : ''),
        evidence: [created.obs.source, obs.source],
        key: obs.name!,
        // Without the body (Metadata level) a denial looks the same: be less sure.
        ...(verdict === 'unknown' ? { confidence: 0.6 } : {}),
        vars: {
          ...apiVars(obs),
          csr: obs.name!,
          kubectl: `kubectl get csr ${obs.name} -o yaml`,
        },
      },
      obs,
    );
  }
}

/**
 * What the approval said, from status.conditions in the body.
 * Example: [{"type":"Approved","status":"True","reason":"KubectlApprove"}].
 */
function approval(obs: ApiObservation): 'approved' | 'denied' | 'unknown' {
  const body = obj(obs.requestObject) ?? obs.responseObject;
  const conditions = arr(obj(body?.['status'])?.['conditions']).map((c) => obj(c));
  if (conditions.length === 0) return 'unknown';
  return conditions.some((c) => str(c?.['type']) === 'Approved') ? 'approved' : 'denied';
}
