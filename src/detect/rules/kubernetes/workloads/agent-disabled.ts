import type { ApiObservation } from '../../../../model/observation.js';
import type { Severity } from '../../../../model/severity.js';
import { arr, num, obj, str } from '../../../../util/text.js';
import type { Lists } from '../../../lists.js';
import { matcher, type Hit } from '../../../rule.js';
import { accepted, byWhom, DELETE_VERBS, kindName, objectRef, writtenObject } from './request.js';

/** Workloads that run agents: a DaemonSet on every node, or a Deployment. */
const AGENT_WORKLOADS: ReadonlySet<string> = new Set(['daemonsets', 'deployments', 'statefulsets']);

/**
 * A security or logging agent switched off through the API: its DaemonSet
 * or Deployment deleted, scaled to zero, pinned by a nodeSelector or
 * affinity so that it runs nowhere, or its whole namespace deleted. Agents
 * are known by the security-agents list, matched on the name, the
 * namespace and, when the body was logged, the images.
 * Example: "DaemonSet falco/falco deleted by alice".
 */
export const k8sSecurityAgentDisabled = matcher(
  'k8s-security-agent-disabled',
  ['api'],
  (api, ctx) => {
    if (api.verb === null || !accepted(api) || api.resource === null) return null;
    const lists = ctx.settings.lists;
    if (api.resource === 'namespaces') return namespaceHit(api, lists);
    if (!AGENT_WORKLOADS.has(api.resource) || !isAgent(api, lists)) return null;
    const how = disabling(api);
    if (how === null) return null;
    const ref = objectRef(api);
    return agentHit(api, `${kindName(api.resource)} ${ref.namespace}/${ref.name} ${how}`, how);
  },
);

function namespaceHit(api: ApiObservation, lists: Lists): Hit | null {
  if (!DELETE_VERBS.has(api.verb!) || api.subresource !== null || api.name === null) return null;
  if (!lists.has('security-agents', api.name)) return null;
  return agentHit(api, `namespace ${api.name} deleted`, 'deleted', 'critical');
}

function agentHit(api: ApiObservation, what: string, how: string, severity?: Severity): Hit {
  const ref = objectRef(api);
  return {
    subject: api.resource === 'namespaces' ? { identity: api.user } : { pod: ref },
    summary: `security agent ${what}${byWhom(api)}`,
    key: how,
    ...(severity ? { severity } : {}),
    vars: {
      user: api.user ?? 'an unknown identity',
      kubectl:
        api.resource === 'namespaces'
          ? `kubectl get all -n ${api.name}`
          : `kubectl get ${api.resource} ${ref.name} -n ${ref.namespace} -o yaml`,
    },
  };
}

/** Name, namespace or an image in the body names an agent. Example: "falcosecurity/falco:0.38". */
function isAgent(api: ApiObservation, lists: Lists): boolean {
  const test = lists.test('security-agents');
  if (api.name !== null && test(api.name)) return true;
  if (api.namespace !== null && test(api.namespace)) return true;
  return imagesOf(writtenObject(api)).some(test);
}

function imagesOf(body: Record<string, unknown> | null): string[] {
  const spec = obj(obj(obj(body?.['spec'])?.['template'])?.['spec']);
  const out: string[] = [];
  for (const list of ['containers', 'initContainers']) {
    for (const c of arr(spec?.[list])) {
      const image = str(obj(c)?.['image']);
      if (image !== null) out.push(image);
    }
  }
  return out;
}

/**
 * How the request stops the agent, or null when it does not.
 * Examples: delete; PUT deployments/scale {"spec":{"replicas":0}};
 * patch {"spec":{"template":{"spec":{"nodeSelector":{"none":"none"}}}}}.
 */
function disabling(api: ApiObservation): string | null {
  if (DELETE_VERBS.has(api.verb!)) return api.subresource === null ? 'deleted' : null;
  if (api.verb !== 'update' && api.verb !== 'patch') return null;
  const body = obj(api.requestObject);
  const spec = obj(body?.['spec']);
  if (api.subresource === 'scale' || api.subresource === null) {
    if (num(spec?.['replicas']) === 0) return 'scaled to zero';
  }
  if (api.subresource !== null) return null;
  const pod = obj(obj(spec?.['template'])?.['spec']);
  // A patch fragment names only what it changes; an update restates the whole
  // spec, where an existing nodeSelector is ordinary.
  if (api.verb === 'patch' && pod !== null) {
    if (obj(pod['nodeSelector']) !== null) return 'given a nodeSelector';
    if (obj(pod['affinity']) !== null) return 'given a node affinity';
  }
  return null;
}
