import type { ApiObservation } from '../../../../model/observation.js';
import { arr, obj, str, strings } from '../../../../util/text.js';
import type { Lists } from '../../../lists.js';
import { guarded, matcher, type Hit } from '../../../rule.js';
import { accepted, isSystemIdentity, userName } from './request.js';

/** The signer of kubelet client certificates: a node's identity to the API server. */
const KUBELET_CLIENT = 'kubernetes.io/kube-apiserver-client-kubelet';

/**
 * A node the cluster did not enrol itself. A kubelet registers its own Node
 * object as system:node:<name>; any other creator adds a machine that
 * workloads will be scheduled onto. Its client certificate is approved by
 * the control plane's CSR approver; a person approving one by hand mints a
 * node identity. Spec:
 * https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/
 * Example: "node worker-9 registered by alice, not by system:node:worker-9".
 */
export const k8sUntrustedNode = guarded(
  matcher('k8s-untrusted-node', ['api'], (api, ctx) => {
    if (!accepted(api)) return null;
    if (api.resource === 'nodes' && api.verb === 'create' && api.subresource === null) {
      return nodeHit(api);
    }
    if (api.resource === 'certificatesigningrequests' && api.subresource === 'approval') {
      return approvalHit(api, ctx.settings.lists);
    }
    return null;
  }),
  'resource',
  ['nodes', 'certificatesigningrequests'],
);

function nodeHit(api: ApiObservation): Hit | null {
  const name = api.name ?? str(obj(obj(api.requestObject)?.['metadata'])?.['name']);
  if (name !== null && api.user === `system:node:${name}`) return null;
  const node = name ?? '?';
  return {
    subject: { identity: api.user },
    summary: `node ${node} registered by ${userName(api)}, not by system:node:${node}`,
    key: `node:${node}`,
    vars: {
      user: userName(api),
      node,
      kubectl: `kubectl get node ${node} -o yaml`,
    },
  };
}

/**
 * A kubelet client CSR approved by a person. Without the body the request
 * is still a hand approval of some CSR, reported at the card's severity
 * only when the CSR's name says it is a node's ("node-csr-…", as kubeadm
 * bootstrap names them).
 */
function approvalHit(api: ApiObservation, lists: Lists): Hit | null {
  if (api.verb !== 'update' && api.verb !== 'patch') return null;
  if (isSystemIdentity(lists, api.user)) return null;
  const body = obj(api.requestObject);
  const spec = obj(body?.['spec']);
  const forNode =
    str(spec?.['signerName']) === KUBELET_CLIENT ||
    (str(spec?.['username']) ?? '').startsWith('system:node:') ||
    strings(spec?.['groups']).includes('system:nodes') ||
    (body === null && (api.name ?? '').startsWith('node-csr-'));
  if (!forNode || !approves(body)) return null;
  const csr = api.name ?? '?';
  return {
    subject: { identity: api.user },
    summary: `node client certificate ${csr} approved by hand by ${userName(api)}`,
    key: `csr:${csr}`,
    vars: {
      user: userName(api),
      node: str(spec?.['username']) ?? csr,
      kubectl: `kubectl get csr ${csr} -o yaml`,
    },
  };
}

/** Whether the body adds an Approved condition (or is not logged, so may). */
function approves(body: Record<string, unknown> | null): boolean {
  if (body === null) return true;
  const conditions = arr(obj(body['status'])?.['conditions']);
  return conditions.some((c) => str(obj(c)?.['type']) === 'Approved');
}
