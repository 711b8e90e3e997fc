import { matcher, type RuleLogic } from '../../rule.js';

/** Image verbs that bring content in without a registry. */
const BROUGHT_IN: ReadonlySet<string> = new Set(['build', 'load', 'import']);

/**
 * An image built, loaded or imported on the host. Docker names the image
 * ({"Type":"image","Action":"load","Actor":{"Attributes":{"name":"kit:1"}}});
 * Podman names the archive it loaded ("/srv/images/kit.tar"), in detail.
 */
export const runtimeImageBuiltOnHost: RuleLogic = matcher(
  'runtime-image-built-on-host',
  ['lifecycle'],
  (obs) => {
    if (!BROUGHT_IN.has(obs.action) || !(obs.notes ?? []).includes('type:image')) return null;
    const what = [obs.image, obs.detail].filter((p): p is string => p !== null).join(' from ');
    return {
      subject: { imageNames: obs.image ? [obs.image] : [] },
      summary: `image ${obs.action} on the host: ${what || 'unnamed image'}`,
      key: `${obs.action} ${what}`,
      vars: {
        image: obs.image ?? 'the image',
        detail: obs.detail ?? 'the image',
        action: obs.action,
      },
    };
  },
);
