import type { ApiObservation } from '../../../../model/observation.js';
import type { Severity } from '../../../../model/severity.js';
import { arr, num, obj, str } from '../../../../util/text.js';
import type { Lists } from '../../../lists.js';
import type { Hit, RuleLogic } from '../../../rule.js';
import { jsonPatchOf, patchFragment } from './json-patch.js';
import { steeringOf } from './node-steering.js';
import {
  accepted,
  bodyMissing,
  byWhom,
  DELETE_VERBS,
  kindName,
  objectRef,
  unjudgedReason,
  userName,
  writtenObject,
} from './request.js';

/** Workloads that run agents: a DaemonSet on every node, or a Deployment. */
const AGENT_WORKLOADS: ReadonlySet<string> = new Set(['daemonsets', 'deployments', 'statefulsets']);

/** Agent workloads whose node steering is remembered; the oldest is forgotten past this. */
const MAX_REMEMBERED = 5000;

/**
 * A security or logging agent switched off through the API: its DaemonSet
 * or Deployment deleted, scaled to zero, pinned by a nodeSelector or
 * affinity so that it runs nowhere, or its whole namespace deleted. Agents
 * are known by the security-agents list, matched on the name, the
 * namespace and, when the body was logged, the images. Merge and strategic
 * patches, JSON patches and whole updates (`kubectl replace`) are read.
 * Example: "DaemonSet falco/falco deleted by alice".
 */
export const k8sSecurityAgentDisabled: RuleLogic = {
  id: 'k8s-security-agent-disabled',
  kinds: ['api'],
  guard: { field: 'resource', values: [...AGENT_WORKLOADS, 'namespaces'] },
  create: (ctx) => {
    const steering = new Map<string, string>();
    return {
      observe(obs, emit) {
        if (obs.kind !== 'api') return;
        if (isUnjudgedAgentWrite(obs, ctx.settings.lists)) {
          ctx.notEvaluable(obs.source.path, unjudgedReason(obs));
          return;
        }
        const hit = agentDisabledHit(obs, ctx.settings.lists, steering);
        if (hit) emit(hit, obs);
      },
    };
  },
};

function agentDisabledHit(
  api: ApiObservation,
  lists: Lists,
  steering: Map<string, string>,
): Hit | null {
  if (api.verb === null || !accepted(api) || api.resource === null) return null;
  if (api.resource === 'namespaces') return namespaceHit(api, lists);
  if (!AGENT_WORKLOADS.has(api.resource) || !isAgent(api, lists)) return null;
  const found = disabling(api, steering);
  if (found === null) return null;
  const ref = objectRef(api);
  const detail = found.detail === null ? '' : ` (${found.detail})`;
  const what = `${kindName(api.resource)} ${ref.namespace}/${ref.name} ${found.how}${detail}`;
  return agentHit(api, what, found.how);
}

/**
 * A change to an agent's workload whose body the log did not keep: it may
 * have scaled the agent to zero or steered it nowhere, and no one can tell.
 */
function isUnjudgedAgentWrite(api: ApiObservation, lists: Lists): boolean {
  if (api.verb !== 'update' && api.verb !== 'patch') return false;
  if (api.resource === null || !AGENT_WORKLOADS.has(api.resource) || !accepted(api)) return false;
  if (!bodyMissing(api) || jsonPatchOf(api) !== null) return false;
  return isAgent(api, lists);
}

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
      user: userName(api),
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

interface Disabling {
  /** Also the finding's key. Example: "scaled to zero". */
  how: string;
  /** Example: "kubernetes.io/hostname=nope". */
  detail: string | null;
}

/**
 * How the request stops the agent, or null when it does not.
 * Examples: delete; PUT deployments/scale {"spec":{"replicas":0}};
 * patch {"spec":{"template":{"spec":{"nodeSelector":{"none":"none"}}}}};
 * JSON patch [{"op":"replace","path":"/spec/replicas","value":0}].
 */
function disabling(api: ApiObservation, steering: Map<string, string>): Disabling | null {
  if (DELETE_VERBS.has(api.verb!)) {
    return api.subresource === null ? { how: 'deleted', detail: null } : null;
  }
  if (api.verb !== 'create' && api.verb !== 'update' && api.verb !== 'patch') return null;
  const patch = jsonPatchOf(api);
  let body = patch === null ? obj(api.requestObject) : patchFragment(patch);
  // A JSON patch the reader could not keep still shows in the stored object
  // of a RequestResponse-level log; read that as a whole spec.
  const whole = api.verb !== 'patch' || body === null;
  body ??= writtenObject(api);
  const spec = obj(body?.['spec']);
  if (api.subresource !== null) {
    const scaled = api.subresource === 'scale' && num(spec?.['replicas']) === 0;
    return scaled ? { how: 'scaled to zero', detail: null } : null;
  }
  const ref = objectRef(api);
  const key = `${api.resource}/${ref.namespace}/${ref.name}`;
  const now = steeringOf(templateOf(spec));
  const before = steering.get(key);
  remember(steering, key, whole ? (now?.detail ?? '') : (storedSteering(api) ?? now?.detail));
  if (api.verb !== 'create' && num(spec?.['replicas']) === 0) {
    return { how: 'scaled to zero', detail: null };
  }
  const idle = api.verb === 'create' ? null : idleCommand(templateOf(spec));
  if (idle !== null) return { how: 'given a command that does nothing', detail: idle };
  if (api.verb === 'create' || now === null) return null;
  // A fragment names only what it changes, so any narrowing it writes is new.
  // A whole spec restates the agent's usual selector: it counts when it
  // differs from what this log showed before, or the log showed none.
  return !whole || before !== now.detail ? now : null;
}

/**
 * A command that keeps the agent's container alive and doing nothing, so the
 * workload looks healthy while nothing watches. Example: ["sleep", "infinity"],
 * ["tail", "-f", "/dev/null"], ["/bin/true"].
 */
const IDLE = /^(?:\S*\/)?(?:sleep\s+\S+|true|pause|tail\s+-f\s+\/dev\/null|cat)\s*$/;

function idleCommand(pod: Record<string, unknown> | null): string | null {
  for (const c of arr(pod?.['containers'])) {
    const container = obj(c);
    const parts = [...arr(container?.['command']), ...arr(container?.['args'])];
    if (parts.length === 0 || !parts.every((p) => typeof p === 'string')) continue;
    const words = parts as string[];
    const line = words.join(' ');
    // `sh -c 'sleep infinity'` idles as surely as `sleep infinity`.
    const script = words.length >= 3 && words[words.length - 2] === '-c' ? words.at(-1)! : line;
    if (IDLE.test(line) || IDLE.test(script.trim())) return line.slice(0, 80);
  }
  return null;
}

/** What the stored object steers by after a patch, when the response kept it. */
function storedSteering(api: ApiObservation): string | undefined {
  const stored = obj(api.responseObject);
  if (stored === null || str(stored['kind']) === 'Status') return undefined;
  return steeringOf(templateOf(obj(stored['spec'])))?.detail ?? '';
}

/** Keeps the latest steering of an object; undefined leaves what is known. */
function remember(steering: Map<string, string>, key: string, detail: string | undefined): void {
  if (detail === undefined) return;
  steering.delete(key);
  steering.set(key, detail);
  if (steering.size > MAX_REMEMBERED) {
    const oldest = steering.keys().next().value;
    if (oldest !== undefined) steering.delete(oldest);
  }
}

function templateOf(spec: Record<string, unknown> | null): Record<string, unknown> | null {
  return obj(obj(spec?.['template'])?.['spec']);
}
