import type { Lists } from '../../lists.js';
import { mask } from './shared.js';

/** A credential seen in a config, named and masked, never whole. */
export interface SecretSighting {
  /** Variable name, or the kind of value when unnamed. Example: "DB_PASSWORD". */
  name: string;
  /** Example: "FAKE…". */
  masked: string;
  cloud: boolean;
}

/** Cloud credentials open more than the image: they are high. */
const CLOUD_NAME = /(?:^|_)(?:AWS|AZURE|ARM|GCP|GOOGLE|GCLOUD|ALICLOUD|ALIYUN|DIGITALOCEAN)_/i;
const CLOUD_VALUE = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/;

/**
 * Names that point at a secret or describe one rather than hold it, and
 * values that are references or settings, not secrets.
 * Example: "POSTGRES_PASSWORD_FILE=/run/secrets/db", "TOKEN=${TOKEN}",
 * "TOKEN_TTL=3600", "OAUTH_TOKEN_URL=https://…", "PASSWORD_MIN_LENGTH=12".
 */
const POINTER_SUFFIXES = [
  'FILE',
  'PATH',
  'DIR',
  'URL',
  'URI',
  'URL_FILE',
  'TTL',
  'LENGTH',
  'EXPIRY',
  'EXPIRES',
  'TIMEOUT',
  'SECONDS',
  'ENABLED',
  'ENDPOINT',
  'HOST',
  'PORT',
  'HEADER',
  'TYPE',
  'NAME',
  'MODE',
  'POLICY',
  'VERSION',
];
const POINTER_NAME = new RegExp(`_(?:${POINTER_SUFFIXES.join('|')})$`, 'i');
const REFERENCE_VALUE = /^(?:\$\{?\w+\}?|\/run\/secrets\/.*)$/;
/** A number or a switch is a setting, whatever the name. */
const SETTING_VALUE = /^(?:-?\d+(?:\.\d+)?|true|false|yes|no|on|off)$/i;

/** Judges one NAME=value pair. */
export function secretOf(name: string, value: string, lists: Lists): SecretSighting | null {
  if (value === '' || REFERENCE_VALUE.test(value)) return null;
  const byValue = lists.has('secret-values', value);
  const byName =
    lists.has('secret-names', name) && !POINTER_NAME.test(name) && !SETTING_VALUE.test(value);
  if (!byValue && !byName) return null;
  const cloud = CLOUD_VALUE.test(value) || (byName && CLOUD_NAME.test(name));
  return { name, masked: mask(value), cloud };
}

/** Env entries are "NAME=value". Example: "DB_PASSWORD=hunter2". */
export function envSecrets(env: readonly string[], lists: Lists): SecretSighting[] {
  const out: SecretSighting[] = [];
  for (const entry of env) {
    const eq = entry.indexOf('=');
    const found = eq > 0 ? secretOf(entry.slice(0, eq), entry.slice(eq + 1), lists) : null;
    if (found) out.push(found);
  }
  return out;
}

/**
 * Secrets a build step recorded in the image history:
 * - `ENV A=b C=d` and `ARG A=b` (Dockerfile reference; legacy "ENV A b" too),
 *   written by the classic builder as "/bin/sh -c #(nop)  ENV A=b";
 * - BuildKit's "RUN |2 TOKEN=abc USER=x /bin/sh -c …", which lists build args;
 * - any value that is a credential whatever it is called.
 */
export function historySecrets(createdBy: string, lists: Lists): SecretSighting[] {
  const out = pairsOf(createdBy).map(([n, v]) => secretOf(n, v, lists));
  const found = out.filter((s): s is SecretSighting => s !== null);
  if (found.length > 0) return found;
  const loose = lists.search('secret-values', createdBy);
  if (!loose) return [];
  const name = 'a credential in a build step';
  return [{ name, masked: mask(loose), cloud: CLOUD_VALUE.test(loose) }];
}

function pairsOf(step: string): [string, string][] {
  const declared = /\b(?:ENV|ARG)\s+(.+)$/.exec(step)?.[1] ?? /^RUN \|\d+ (.+)$/.exec(step)?.[1];
  if (!declared) return [];
  const pairs: [string, string][] = [];
  for (const m of declared.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g)) {
    pairs.push([m[1]!, m[2]!.replace(/^["']|["']$/g, '')]);
  }
  const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+([^=\s].*)$/.exec(declared.trim());
  if (pairs.length === 0 && legacy) pairs.push([legacy[1]!, legacy[2]!.trim()]);
  return pairs;
}
