import type { ApiObservation } from '../../../../model/observation.js';
import type { Subject } from '../../../../model/subject.js';
import { apiTarget, apiVars } from '../../../describe.js';
import type { Emit, RuleLogic } from '../../../rule.js';
import { BurstTracker, burstSeconds, someOf, type Burst, type BurstOptions } from './burst.js';

export const AUTH_FAILURE_DEFAULTS: BurstOptions = {
  threshold: 20,
  windowMs: 5 * 60_000,
  distinct: false,
};

/**
 * Refusals grouped by who was refused: an identity the API server knew
 * (403, and a 401 that names one), else the first source address (a 401
 * for a bad or expired token carries no user). Example keys:
 * "identity:bob", "address:203.0.113.7".
 */
function keyOf(obs: ApiObservation): string | null {
  if (obs.user && obs.user !== 'system:anonymous') return `identity:${obs.user}`;
  const address = obs.sourceIPs[0];
  return address ? `address:${address}` : null;
}

/**
 * Many 401 and 403 answers for one identity or address: guessing tokens,
 * or a found credential being tried against everything to see what it
 * reaches.
 */
export function authFailureBurstRule(options: BurstOptions = AUTH_FAILURE_DEFAULTS): RuleLogic {
  return {
    id: 'k8s-auth-failure-burst',
    kinds: ['api'],
    create() {
      const bursts = new BurstTracker(options);
      return {
        observe(obs, emit) {
          if (obs.kind !== 'api' || (obs.code !== 401 && obs.code !== 403)) return;
          const key = keyOf(obs);
          if (key !== null) bursts.add(key, apiTarget(obs), obs, (b) => report(b, emit));
        },
        finish(emit) {
          bursts.finish((b) => report(b, emit));
        },
      };
    },
  };
}

export const authFailureBurst = authFailureBurstRule();

function report(burst: Burst, emit: Emit): void {
  const first = burst.first;
  const cut = burst.key.indexOf(':');
  const kind = burst.key.slice(0, cut);
  const who = burst.key.slice(cut + 1);
  const subject: Subject = kind === 'identity' ? { identity: who } : { addresses: [who] };
  const as = first.impersonatedUser ? ` (acting as ${first.impersonatedUser})` : '';
  emit(
    {
      subject,
      summary:
        `${who}${as} was refused ${burst.count} times in ${burstSeconds(burst)} s ` +
        `(${someOf(burst.items)})`,
      evidence: burst.sources,
      key: first.time ?? String(first.ts),
      vars: {
        ...apiVars(first),
        count: String(burst.count),
        targets: someOf(burst.items, 20),
        first: first.time ?? '?',
      },
    },
    first,
  );
}
