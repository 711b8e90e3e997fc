import type { ApiObservation } from '../../../../model/observation.js';
import { apiVars } from '../../../describe.js';
import type { Emit, RuleLogic } from '../../../rule.js';
import { BurstTracker, burstSeconds, someOf, type Burst, type BurstOptions } from './burst.js';
import { exemptIdentities, objectName, succeeded } from './request.js';

export const SECRETS_BURST_DEFAULTS: BurstOptions = {
  threshold: 10,
  windowMs: 5 * 60_000,
  distinct: true,
};

/**
 * Many different Secrets read one by one by one identity: a sweep for
 * credentials that avoids the cluster-wide list a watcher would notice.
 * Example: alice gets dev/db, dev/api, prod/tls, … ten within five minutes.
 */
export function secretsReadBurstRule(options: BurstOptions = SECRETS_BURST_DEFAULTS): RuleLogic {
  return {
    id: 'k8s-secrets-read-burst',
    kinds: ['api'],
    guard: { field: 'resource', values: ['secrets'] },
    create(ctx) {
      const exempt = exemptIdentities(ctx.settings.lists, 'secret-reader-identities');
      const bursts = new BurstTracker(options);
      return {
        observe(obs, emit) {
          if (obs.kind !== 'api' || obs.resource !== 'secrets' || obs.verb !== 'get') return;
          if (obs.subresource !== null || !obs.name || !obs.user || !succeeded(obs)) return;
          if (exempt(obs.user)) return;
          bursts.add(obs.user, objectName(obs), obs, (b) => report(b, emit));
        },
        finish(emit) {
          bursts.finish((b) => report(b, emit));
        },
      };
    },
  };
}

export const secretsReadBurst = secretsReadBurstRule();

function report(burst: Burst, emit: Emit): void {
  const first: ApiObservation = burst.first;
  const namespaces = new Set([...burst.items].map((item) => item.split('/')[0]!));
  emit(
    {
      subject: { identity: burst.key },
      summary:
        `${burst.key} read ${burst.items.size} different secrets in ${burstSeconds(burst)} s ` +
        `(${someOf(burst.items)})`,
      evidence: burst.sources,
      key: first.time ?? String(first.ts),
      vars: {
        ...apiVars(first),
        count: String(burst.items.size),
        secrets: someOf(burst.items, 20),
        namespaces: someOf(namespaces, 10),
        first: first.time ?? 'the first read',
      },
    },
    first,
  );
}
