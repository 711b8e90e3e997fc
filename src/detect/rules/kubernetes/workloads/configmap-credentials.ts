import type { ApiObservation } from '../../../../model/observation.js';
import { obj } from '../../../../util/text.js';
import type { Lists } from '../../../lists.js';
import { guarded, matcher, type Hit } from '../../../rule.js';
import { jsonPatchOf, patchFragment } from './json-patch.js';
import {
  accepted,
  bodyMissing,
  byWhom,
  pastTense,
  unjudgedReason,
  userName,
  WRITE_VERBS,
} from './request.js';

/**
 * NOTE: only the start of each value is read; a credential sits near the
 * top of a properties file, and a huge value must not cost the run.
 */
const SCANNED = 64 * 1024;
/** Names shown in a summary. */
const SHOWN = 5;

/**
 * A `key = value` or `key: value` line of a properties, INI or YAML file.
 * Example: "aws_secret_access_key = MY-KEY" gives "aws_secret_access_key".
 */
const ASSIGNMENT = /^[ \t]*["']?([A-Za-z0-9_.-]{1,100})["']?[ \t]*[=:][ \t]*(?![$<]|\{\{)\S/gm;

/**
 * Credentials written into a ConfigMap, which every reader of the namespace
 * can see and no secret store protects: a data key named like a secret, a
 * `name = value` line whose name is a secret's, or a value shaped like a
 * known credential (an AWS key ID, a private key).
 * Example: "ConfigMap default/my-config created by alice holds aws_access_key_id".
 */
export const k8sConfigmapCredentials = guarded(
  matcher('k8s-configmap-credentials', ['api'], (api, ctx) => {
    if (api.resource !== 'configmaps' || api.subresource !== null) return null;
    if (api.verb === null || !WRITE_VERBS.has(api.verb) || !accepted(api)) return null;
    // A JSON patch writes data keys one by one: add /data/db.password "x".
    const patch = jsonPatchOf(api);
    if (patch === null && bodyMissing(api)) {
      ctx.notEvaluable(api.source.path, unjudgedReason(api));
      return null;
    }
    const body = patch === null ? obj(api.requestObject) : patchFragment(patch);
    const found = credentialNames(obj(body?.['data']), ctx.settings.lists);
    return found.length > 0 ? credentialHit(api, found) : null;
  }),
  'resource',
  ['configmaps'],
);

/** Names of what looks like a credential. Example: ["access.properties: aws_access_key_id"]. */
export function credentialNames(data: Record<string, unknown> | null, lists: Lists): string[] {
  if (data === null) return [];
  const isName = lists.test('secret-names');
  const isValue = lists.test('secret-values');
  const found = new Set<string>();
  for (const [key, raw] of Object.entries(data)) {
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const value = raw.slice(0, SCANNED);
    if (isName(key) && !value.includes('\n')) found.add(key);
    if (isValue(value)) found.add(`${key}: a credential-shaped value`);
    for (const m of value.matchAll(ASSIGNMENT)) {
      if (isName(m[1]!)) found.add(`${key}: ${m[1]}`);
    }
  }
  return [...found];
}

function credentialHit(api: ApiObservation, found: string[]): Hit {
  const where = `${api.namespace ?? 'default'}/${api.name ?? '?'}`;
  const shown = found.slice(0, SHOWN).join(', ');
  const more = found.length > SHOWN ? ` and ${found.length - SHOWN} more` : '';
  return {
    subject: { identity: api.user },
    summary: `ConfigMap ${where} ${pastTense(api.verb)}${byWhom(api)} holds ${shown}${more}`,
    key: `configmap:${where}`,
    vars: {
      user: userName(api),
      configmap: where,
      kubectl: `kubectl get configmap ${api.name ?? ''} -n ${api.namespace ?? 'default'} -o yaml`,
    },
  };
}
