import { matcher, type AdsCard, type Hit } from '../../rule.js';
import { LOGGING_CHECKS } from './logging-checks.js';
import { fileVars, imageLabel, imageSubject, layerLabel } from './shared.js';

const card: AdsCard = {
  id: 'image-logging-disabled',
  title: 'Image silences logging or shell history',
  severity: 'high',
  confidence: 0.8,
  attack: ['T1562.006', 'T1070.003', 'T1562.003'],
  dataSources: [
    'image file entries: docker save and OCI archives, container exports (docker export)',
  ],
  goal:
    'Find images built so that whatever runs in them leaves no trace: system logging turned ' +
    'off, logs sent to the null device, shell history thrown away.',
  strategy:
    'Per layer entry: journald.conf with Storage=none (ForwardToSyslog=no beside it is ' +
    'named too); ' +
    'syslog.conf, rsyslog.conf or rsyslog.d/*.conf with a *.* rule whose action is /dev/null, ' +
    'stop or ~; /var/log or a file under it that is a symbolic link to /dev/null; a shell ' +
    'history file (.bash_history, .ash_history, .zsh_history, .sh_history, .history) anywhere ' +
    'that is a symbolic link to /dev/null.',
  blindSpots: [
    'Logging switched off at run time (--log-driver none, HISTFILE unset in a start script).',
    "Configuration files over 8 KiB, or read after the archive's text budget ran out, " +
      'carry no content.',
    'Other syslog daemons (syslog-ng) and rules narrower than *.*.',
  ],
  falsePositives: [
    'Minimal images that drop logs on purpose because the runtime collects stdout instead.',
    "Build images that link root's history to /dev/null as hygiene.",
  ],
  validation: [
    'test/rules/image/logging-disabled.test.ts',
    'evidence lab/images/tampered.docker.tar fires; lab/images/base.docker.tar stays quiet',
  ],
  response: [
    'Treat every container from {entity} as unlogged: collect its evidence from outside (runtime events, network flows, host audit logs).',
    'Read {path} in {layer} of {entity} ({member} in {archive}) and the build step that wrote it.',
    'Restore logging in a rebuilt image, and alert on images whose layers touch logging configuration.',
  ],
};

export const imageLoggingDisabled = matcher(card, ['image-file'], (obs): Hit[] =>
  LOGGING_CHECKS.map((check) => check(obs))
    .filter((what): what is string => what !== null)
    .map((what) => ({
      subject: imageSubject(obs),
      summary: `image ${imageLabel(obs)} (${layerLabel(obs)}): ${what}`,
      key: obs.path,
      vars: fileVars(obs),
    })),
);
