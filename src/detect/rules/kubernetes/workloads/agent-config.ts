import type { ApiObservation } from '../../../../model/observation.js';
import type { Lists } from '../../../lists.js';
import { guarded, matcher, type Hit } from '../../../rule.js';
import {
  accepted,
  byWhom,
  DELETE_VERBS,
  isSystemIdentity,
  pastTense,
  userName,
} from './request.js';

/** Changes that tamper: an agent's own install creates its config first. */
const TAMPER_VERBS: ReadonlySet<string> = new Set([
  'update',
  'patch',
  'delete',
  'deletecollection',
]);

/** A ConfigMap holding an audit policy. Example: "audit-policy", "kube-apiserver-audit-policy". */
const AUDIT_POLICY = /audit[-_.]?polic/i;

/**
 * Resources that are the audit configuration itself: the dynamic audit sinks
 * of auditregistration.k8s.io (Kubernetes 1.13 to 1.18), and OpenShift's
 * cluster-wide APIServer object, whose spec.audit sets the policy profile.
 */
const AUDIT_RESOURCES: ReadonlySet<string> = new Set(['auditsinks', 'apiservers']);

/**
 * The configuration of a security or logging agent changed or removed (a
 * ConfigMap in the agent's namespace or named after it: its rules, outputs,
 * filters), or the audit policy itself. Blinding an agent by its config
 * leaves its pods running and healthy.
 * Example: "ConfigMap falco/falco-rules patched by alice".
 */
export const k8sAgentConfigTampered = guarded(
  matcher('k8s-agent-config-tampered', ['api'], (api, ctx) => {
    if (api.verb === null || !TAMPER_VERBS.has(api.verb) || !accepted(api)) return null;
    if (api.resource === null || api.subresource !== null) return null;
    if (AUDIT_RESOURCES.has(api.resource)) {
      return hit(api, `${api.resource} ${api.name ?? '?'}`, 'audit configuration ');
    }
    if (api.resource !== 'configmaps') return null;
    const lists = ctx.settings.lists;
    const name = api.name ?? '';
    const what = `ConfigMap ${api.namespace ?? '?'}/${name || '*'}`;
    if (AUDIT_POLICY.test(name)) return hit(api, what, 'audit policy ');
    if (!namesAgent(api, lists) || ownAccount(api) || isSystemIdentity(lists, api.user))
      return null;
    return hit(api, what, 'agent configuration ');
  }),
  'resource',
  ['configmaps', ...AUDIT_RESOURCES],
);

function namesAgent(api: ApiObservation, lists: Lists): boolean {
  const test = lists.test('security-agents');
  return (api.name !== null && test(api.name)) || (api.namespace !== null && test(api.namespace));
}

/**
 * The agent's own service account, keeping its state or leader lock in a
 * ConfigMap of its namespace. Example: "system:serviceaccount:falco:falco".
 */
function ownAccount(api: ApiObservation): boolean {
  return (
    api.namespace !== null && (api.user ?? '').startsWith(`system:serviceaccount:${api.namespace}:`)
  );
}

function hit(api: ApiObservation, what: string, role = ''): Hit {
  const deleted = DELETE_VERBS.has(api.verb!);
  return {
    subject: { identity: api.user },
    summary: `${role}${what} ${pastTense(api.verb)}${byWhom(api)}`,
    key: `${what} ${deleted ? 'deleted' : 'changed'}`,
    vars: {
      user: userName(api),
      object: what,
      kubectl: api.namespace
        ? `kubectl get ${api.resource} ${api.name ?? ''} -n ${api.namespace} -o yaml`
        : `kubectl get ${api.resource} ${api.name ?? ''} -o yaml`,
    },
  };
}
