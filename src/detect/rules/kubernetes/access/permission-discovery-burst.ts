import { apiVars } from '../../../describe.js';
import type { Emit, RuleLogic } from '../../../rule.js';
import { BurstTracker, burstSeconds, type Burst, type BurstOptions } from './burst.js';
import { exemptIdentities } from './request.js';

export const DISCOVERY_BURST_DEFAULTS: BurstOptions = {
  threshold: 10,
  windowMs: 5 * 60_000,
  distinct: false,
};

/**
 * The reviews `kubectl auth can-i` sends. Example: POST
 * /apis/authorization.k8s.io/v1/selfsubjectrulesreviews.
 */
const SELF_REVIEWS = new Set(['selfsubjectaccessreviews', 'selfsubjectrulesreviews']);

/**
 * One identity asking over and over what it may do: what a tool does first
 * with a credential it just found (peirates, `kubectl auth can-i --list` in
 * every namespace).
 */
export function permissionDiscoveryBurstRule(
  options: BurstOptions = DISCOVERY_BURST_DEFAULTS,
): RuleLogic {
  return {
    id: 'k8s-permission-discovery-burst',
    kinds: ['api'],
    guard: { field: 'resource', values: [...SELF_REVIEWS] },
    create(ctx) {
      const exempt = exemptIdentities(ctx.settings.lists);
      const bursts = new BurstTracker(options);
      return {
        observe(obs, emit) {
          if (obs.kind !== 'api' || obs.verb !== 'create' || !obs.user) return;
          if (obs.resource === null || !SELF_REVIEWS.has(obs.resource)) return;
          if (exempt(obs.user)) return;
          bursts.add(obs.user, obs.namespace ?? '', obs, (b) => report(b, emit));
        },
        finish(emit) {
          bursts.finish((b) => report(b, emit));
        },
      };
    },
  };
}

export const permissionDiscoveryBurst = permissionDiscoveryBurstRule();

function report(burst: Burst, emit: Emit): void {
  const first = burst.first;
  emit(
    {
      subject: { identity: burst.key },
      summary:
        `${burst.key} asked the API server for its own permissions ${burst.count} times ` +
        `in ${burstSeconds(burst)} s (user agent: ${first.userAgent ?? 'none'})`,
      evidence: burst.sources,
      key: first.time ?? String(first.ts),
      vars: { ...apiVars(first), count: String(burst.count), first: first.time ?? '?' },
    },
    first,
  );
}
