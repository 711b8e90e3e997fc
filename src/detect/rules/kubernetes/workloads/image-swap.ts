import type { ApiObservation, Observation } from '../../../../model/observation.js';
import { arr, obj, str } from '../../../../util/text.js';
import type { Emit, Hit, RuleContext, RuleInstance, RuleLogic } from '../../../rule.js';
import {
  accepted,
  bodyMissing,
  byWhom,
  DELETE_VERBS,
  kindName,
  objectRef,
  pastTense,
  unjudgedReason,
  userName,
  writtenObject,
} from './request.js';

/** Workloads whose running pods follow their spec. */
const SWAPPABLE: ReadonlySet<string> = new Set([
  'deployments',
  'daemonsets',
  'statefulsets',
  'pods',
]);

/**
 * NOTE: workloads remembered at once; past it the least recently written is
 * forgotten, and its next patch is judged as a first sighting.
 */
export const MAX_WORKLOADS = 20_000;

/** Container name → image. Example: { web: "nginx:1.25", "log-agent": "fluent-bit:3" }. */
type Images = Map<string, string>;

/**
 * A running workload's images changed, or a container added to it: the quiet
 * way to run a payload under a trusted name. The log's own history tells
 * what the workload ran before (its create, later writes); a patch that sets
 * an image on a workload not seen before counts as a swap, as `kubectl set
 * image` sends exactly that.
 * Example: "Deployment shop/web updated by ci-bot: image of web nginx:1.25 →
 * evil.example/nginx:1.25".
 */
export const k8sImageSwap: RuleLogic = {
  id: 'k8s-image-swap',
  kinds: ['api'],
  guard: { field: 'resource', values: [...SWAPPABLE] },
  create: (ctx): RuleInstance => new ImageSwap(ctx),
};

class ImageSwap implements RuleInstance {
  private readonly known = new Map<string, Images>();

  constructor(private readonly ctx: RuleContext) {}

  observe(obs: Observation, emit: Emit): void {
    if (obs.kind !== 'api' || obs.verb === null || obs.resource === null) return;
    if (!SWAPPABLE.has(obs.resource) || obs.subresource !== null || !accepted(obs)) return;
    const ref = objectRef(obs);
    const id = `${obs.resource}/${ref.namespace}/${ref.name}`;
    if (DELETE_VERBS.has(obs.verb)) {
      this.known.delete(id);
      return;
    }
    const images = imagesOf(obs);
    if (images === null) {
      // A change whose body was not logged may have swapped anything: say so.
      if ((obs.verb === 'update' || obs.verb === 'patch') && bodyMissing(obs)) {
        this.ctx.notEvaluable(obs.source.path, unjudgedReason(obs));
      }
      return;
    }
    const before = this.known.get(id);
    const whole = obs.verb !== 'patch' || writtenObject(obs) !== obs.requestObject;
    if (obs.verb !== 'create') {
      const changes = changesOf(before, images, whole);
      if (changes.length > 0) emit(swapHit(obs, changes), obs);
    }
    this.remember(id, whole || !before ? images : new Map([...before, ...images]));
  }

  private remember(id: string, images: Images): void {
    this.known.delete(id);
    this.known.set(id, images);
    if (this.known.size > MAX_WORKLOADS) this.known.delete(this.known.keys().next().value!);
  }
}

/** The images a write names, or null when it names none (a label patch, a Metadata-level log). */
function imagesOf(api: ApiObservation): Images | null {
  const body = writtenObject(api);
  const spec = obj(body?.['spec']);
  const pod = api.resource === 'pods' ? spec : obj(obj(spec?.['template'])?.['spec']);
  const images: Images = new Map();
  for (const list of ['initContainers', 'containers']) {
    for (const entry of arr(pod?.[list])) {
      const c = obj(entry);
      const name = str(c?.['name']);
      const image = str(c?.['image']);
      if (name !== null && image !== null) images.set(name, image);
    }
  }
  return images.size > 0 ? images : null;
}

/**
 * What changed, in words. With no history, every image a patch sets is a
 * change; a whole object seen for the first time is only remembered.
 */
function changesOf(before: Images | undefined, after: Images, whole: boolean): string[] {
  if (before === undefined) {
    if (whole) return [];
    return [...after].map(([name, image]) => `image of ${name} set to ${image}`);
  }
  const out: string[] = [];
  for (const [name, image] of after) {
    const old = before.get(name);
    if (old === undefined) out.push(`container ${name} added (${image})`);
    else if (old !== image) out.push(`image of ${name} ${old} → ${image}`);
  }
  return out;
}

function swapHit(api: ApiObservation, changes: string[]): Hit {
  const ref = objectRef(api);
  const what = `${kindName(api.resource)} ${ref.namespace}/${ref.name}`;
  return {
    subject: { pod: ref },
    summary: `${what} ${pastTense(api.verb)}${byWhom(api)}: ${changes.join('; ')}`,
    key: changes.join('; '),
    vars: {
      user: userName(api),
      changes: changes.join('; '),
      kubectl:
        api.resource === 'pods'
          ? `kubectl get pod ${ref.name} -n ${ref.namespace} -o yaml`
          : `kubectl rollout history ${api.resource} ${ref.name} -n ${ref.namespace}`,
    },
  };
}
