import { configSubject } from '../../../describe.js';
import { matcher, type RuleLogic } from '../../../rule.js';
import { parseImageRef } from './image-ref.js';
import { isLivePod, podName } from './live-pod.js';

/**
 * A live pod running an image from a registry outside trusted-registries.
 * Docker Hub is "docker.io" whether the reference names it or not
 * ("nginx:1.25", "docker.io/library/nginx:1.25"). An empty list switches
 * the rule off, for sites that do not keep one.
 */
export const kubectlUntrustedRegistry: RuleLogic = matcher(
  'kubectl-untrusted-registry',
  ['config'],
  (obs, ctx) => {
    if (!obs.image || !isLivePod(obs)) return null;
    const lists = ctx.settings.lists;
    if (lists.values('trusted-registries').length === 0) return null;
    const ref = parseImageRef(obs.image);
    if (ref === null || lists.has('trusted-registries', ref.registry)) return null;
    return {
      subject: configSubject(obs),
      summary:
        `pod ${podName(obs.pod)} runs ${obs.image} from registry ${ref.registry}, ` +
        'which is not in trusted-registries',
      key: obs.image,
      vars: {
        image: obs.image,
        registry: ref.registry,
        kubectl: `kubectl get pod ${obs.pod.name} -n ${obs.pod.namespace} -o yaml`,
      },
    };
  },
);
