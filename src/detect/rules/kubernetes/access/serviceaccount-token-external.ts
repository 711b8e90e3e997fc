import { isIP } from 'node:net';
import { apiVars } from '../../../describe.js';
import { matcher } from '../../../rule.js';

const SERVICE_ACCOUNT = 'system:serviceaccount:';

/**
 * A service account's token used from an address outside the cluster's
 * ranges: pods and nodes talk from inside, so the token was carried out.
 * The first source address is the client's (the rest are proxies on the
 * way, from X-Forwarded-For).
 * Example: system:serviceaccount:dev:builder from 203.0.113.7.
 */
export const serviceAccountTokenExternal = matcher(
  'k8s-serviceaccount-token-external',
  ['api'],
  (obs, ctx) => {
    if (!obs.user?.startsWith(SERVICE_ACCOUNT)) return null;
    const address = obs.sourceIPs[0];
    if (!address || isIP(address) === 0) return null;
    if (ctx.settings.lists.has('cluster-ranges', address)) return null;
    const account = obs.user.slice(SERVICE_ACCOUNT.length);
    const vars = apiVars(obs);
    return {
      subject: { identity: obs.user },
      summary:
        `service account ${account} used from ${address}, outside the cluster's ranges ` +
        `(${vars.verb} ${vars.target}, answer ${obs.code ?? 'not logged'})`,
      // One finding per account: its evidence lists every outside address.
      key: 'outside',
      vars: { ...vars, account },
    };
  },
);
