import type { ImageConfigObservation } from '../../../model/observation.js';
import { matcher, type Hit } from '../../rule.js';
import { envSecrets, historySecrets, type SecretSighting } from './secret-scan.js';
import { imageLabel, imageSubject } from './shared.js';

export const imageSecretInConfig = matcher(
  'image-secret-in-config',
  ['image-config'],
  (obs, ctx): Hit[] => [
    ...envSecrets(obs.env, ctx.settings.lists).map((s) => hitOf(obs, s, 'the config Env')),
    ...obs.history.flatMap((step) =>
      historySecrets(step.createdBy ?? '', ctx.settings.lists).map((s) =>
        hitOf(obs, s, 'the build history'),
      ),
    ),
  ],
);

function hitOf(obs: ImageConfigObservation, s: SecretSighting, where: string): Hit {
  return {
    subject: imageSubject(obs),
    summary: `image ${imageLabel(obs)} carries ${s.name}=${s.masked} in ${where}`,
    key: s.name,
    severity: s.cloud ? 'high' : 'medium',
    vars: { name: s.name, masked: s.masked, where },
  };
}
