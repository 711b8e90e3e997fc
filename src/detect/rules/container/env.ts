import type { ConfigObservation } from '../../../model/observation.js';
import type { Severity } from '../../../model/severity.js';
import { configLabel, configSubject, configVars } from '../../describe.js';
import { matcher, type Hit } from '../../rule.js';
import { envSecrets } from '../image/secret-scan.js';
import { isLiveConfig } from './scope.js';

/**
 * Rules over a container's environment: `Config.Env` of an inspect
 * ("NAME=value", image defaults included) or a pod container's `env`.
 */

/** "NAME=value" split at the first "="; null for an entry with no name. */
export function envPair(entry: string): [string, string] | null {
  const eq = entry.indexOf('=');
  return eq > 0 ? [entry.slice(0, eq), entry.slice(eq + 1)] : null;
}

/** Variables set to a non-empty value, by name as the test accepts it. */
function setVariables(obs: ConfigObservation, test: (name: string) => boolean): string[] {
  const names = new Set<string>();
  for (const entry of obs.env) {
    const pair = envPair(entry);
    if (pair && pair[1].trim() !== '' && test(pair[0])) names.add(pair[0]);
  }
  return [...names].sort();
}

/**
 * Credentials handed to a container in clear: anyone who can inspect it, or
 * read /proc/<pid>/environ on the node, holds them. Values are masked.
 */
export const containerSecretInEnv = matcher('container-secret-in-env', ['config'], (obs, ctx) => {
  if (!isLiveConfig(obs)) return null;
  const found = envSecrets(obs.env, ctx.settings.lists);
  if (found.length === 0) return null;
  const names = [...new Set(found.map((s) => s.name))].sort();
  const shown = found.map((s) => `${s.name}=${s.masked}`).join(', ');
  const hit: Hit = {
    subject: configSubject(obs),
    summary: `${configLabel(obs)} carries credentials in its environment: ${shown}`,
    key: names.join(','),
    vars: { ...configVars(obs), names: names.join(', ') },
  };
  if (found.some((s) => s.cloud)) hit.severity = 'high';
  return hit;
});

/**
 * The dynamic linker loads LD_PRELOAD and LD_AUDIT libraries into every
 * program the container runs: the classic way to hide processes and files
 * from the tools a responder runs inside it. Example: "LD_PRELOAD=/lib/libhide.so".
 */
const PRELOAD = /^LD_(?:PRELOAD|AUDIT)$/;

export const containerEnvPreload = matcher('container-env-preload', ['config'], (obs) => {
  if (!isLiveConfig(obs)) return null;
  const names = setVariables(obs, (name) => PRELOAD.test(name));
  if (names.length === 0) return null;
  const values = obs.env.filter((e) => names.includes(envPair(e)?.[0] ?? ''));
  return {
    subject: configSubject(obs),
    summary: `${configLabel(obs)} preloads libraries into every process: ${values.join(', ')}`,
    key: names.join(','),
    vars: { ...configVars(obs), variables: values.join(', ') },
  };
});

/**
 * A proxy in the environment routes the container's web traffic through
 * whoever runs it, past egress monitoring, or lets them read it. Both
 * spellings are honoured by curl, wget and most libraries.
 * Example: "HTTPS_PROXY=http://203.0.113.9:3128".
 */
const PROXY = /^(?:https?|all)_proxy$/i;

export const containerEnvProxy = matcher('container-env-proxy', ['config'], (obs) => {
  if (!isLiveConfig(obs)) return null;
  const names = setVariables(obs, (name) => PROXY.test(name));
  if (names.length === 0) return null;
  const values = obs.env.filter((e) => names.includes(envPair(e)?.[0] ?? ''));
  const severity: Severity | undefined = values.some(isBareAddressProxy) ? 'medium' : undefined;
  return {
    subject: configSubject(obs),
    summary: `${configLabel(obs)} sends its traffic through a proxy: ${values.join(', ')}`,
    key: values.join(','),
    ...(severity ? { severity } : {}),
    vars: { ...configVars(obs), variables: values.join(', ') },
  };
});

/**
 * A proxy named by a bare IP address rather than a company host name is
 * rarer in legitimate setups. Example: "http://203.0.113.9:3128".
 */
function isBareAddressProxy(entry: string): boolean {
  return /=(?:[a-z0-9]+:\/\/)?(?:[^@/]*@)?(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\/?$/i.test(entry);
}
