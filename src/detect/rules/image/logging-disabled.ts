import { matcher, type Hit } from '../../rule.js';
import { LOGGING_CHECKS } from './logging-checks.js';
import { fileVars, imageLabel, imageSubject, layerLabel } from './shared.js';

export const imageLoggingDisabled = matcher(
  'image-logging-disabled',
  ['image-file'],
  (obs): Hit[] =>
    LOGGING_CHECKS.map((check) => check(obs))
      .filter((what): what is string => what !== null)
      .map((what) => ({
        subject: imageSubject(obs),
        summary: `image ${imageLabel(obs)} (${layerLabel(obs)}): ${what}`,
        key: obs.path,
        vars: fileVars(obs),
      })),
);
