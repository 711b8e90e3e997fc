import type { ApiObservation } from '../../../../model/observation.js';
import type { Lists } from '../../../lists.js';

/**
 * Whether the API server carried the request out. A request refused (code
 * 400 and up) changed nothing; one without a logged code is given the
 * benefit of the doubt. Example: 201 yes, 403 no, null yes.
 */
export function succeeded(obs: ApiObservation): boolean {
  return obs.code === null || obs.code < 400;
}

/**
 * A test for identities whose activity these rules leave alone: the control
 * plane and its controllers, plus any further lists a rule names.
 */
export function exemptIdentities(lists: Lists, ...more: string[]): (user: string) => boolean {
  const tests = ['system-identities', ...more].map((name) => lists.test(name));
  return (user) => tests.some((test) => test(user));
}

/** Example: "dev/db-password", or "db-password" for a cluster-wide object. */
export function objectName(obs: ApiObservation): string {
  return [obs.namespace, obs.name].filter((p) => p).join('/') || '?';
}
