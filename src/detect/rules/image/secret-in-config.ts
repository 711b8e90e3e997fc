import type { ImageConfigObservation } from '../../../model/observation.js';
import { matcher, type AdsCard, type Hit } from '../../rule.js';
import { envSecrets, historySecrets, type SecretSighting } from './secret-scan.js';
import { imageLabel, imageSubject } from './shared.js';

const card: AdsCard = {
  id: 'image-secret-in-config',
  title: 'Image config carries credentials',
  severity: 'medium',
  confidence: 0.7,
  attack: ['T1552.001'],
  dataSources: [
    'image configs: docker save and OCI archives, docker/podman image inspect, podman history',
  ],
  goal:
    "Find credentials baked into an image's config, where anyone who can pull the image or " +
    'inspect a container reads them, and an intruder in the container finds them in its ' +
    'environment.',
  strategy:
    'Env entries whose name says secret (password, token, secret, api key, private key, ' +
    'credential, access key) with a non-empty value that is not a reference (${VAR}, ' +
    '/run/secrets/…, a *_FILE name), or whose value is a credential whatever its name (AWS key ' +
    'IDs, private keys, GitHub and Slack tokens, JWTs); the same in the ENV, ARG and BuildKit ' +
    'RUN lines of the build history. Cloud credentials are high. Values are never printed: ' +
    'four characters at most, then an ellipsis.',
  blindSpots: [
    'Secrets in files inside the layers (.env files, keys in home folders).',
    'Secrets under innocent names with no recognizable shape.',
  ],
  falsePositives: [
    'Placeholder and test values ("changeme", example keys) in public images.',
    'Development images that set a local database password on purpose.',
  ],
  validation: [
    'test/rules/image/secret-in-config.test.ts',
    'evidence lab/images/tampered.docker.tar fires (AWS example keys, DB_PASSWORD)',
  ],
  response: [
    'Rotate {name} now ({masked}, found in {where} of {entity}), and any credential issued alongside it.',
    'Search the logs of whatever {name} opens (CloudTrail for AWS keys, the database log for a password) for use from unknown addresses since {entity} was built.',
    'Rebuild {entity} without it: pass secrets at run time (docker run --env-file, Kubernetes Secrets, BuildKit --secret) and delete the old image from registries.',
  ],
};

export const imageSecretInConfig = matcher(card, ['image-config'], (obs): Hit[] => [
  ...envSecrets(obs.env).map((s) => hitOf(obs, s, 'the config Env')),
  ...obs.history.flatMap((step) =>
    historySecrets(step.createdBy ?? '').map((s) => hitOf(obs, s, 'the build history')),
  ),
]);

function hitOf(obs: ImageConfigObservation, s: SecretSighting, where: string): Hit {
  return {
    subject: imageSubject(obs),
    summary: `image ${imageLabel(obs)} carries ${s.name}=${s.masked} in ${where}`,
    key: s.name,
    severity: s.cloud ? 'high' : 'medium',
    vars: { name: s.name, masked: s.masked, where },
  };
}
