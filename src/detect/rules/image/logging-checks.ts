import type { ImageFileObservation } from '../../../model/observation.js';
import { baseName, linksToDevNull } from './shared.js';

/** What one image file does to logging, in words. Example: "journald stores nothing". */
export type LoggingCheck = (obs: ImageFileObservation) => string | null;

const JOURNALD = /^\/(?:etc|usr\/lib|run)\/systemd\/journald\.conf(?:\.d\/[^/]+\.conf)?$/;

/**
 * journald.conf(5): `Storage=none` drops every message ("all log data
 * received will be dropped"); `ForwardToSyslog=no` beside it leaves no copy.
 * Example: "[Journal]\nStorage=none\nForwardToSyslog=no\n".
 */
export const journaldOff: LoggingCheck = (obs) => {
  if (!JOURNALD.test(obs.path) || !obs.content) return null;
  const settings = iniValues(obs.content);
  if (settings.get('storage')?.toLowerCase() !== 'none') return null;
  const forward = settings.get('forwardtosyslog')?.toLowerCase();
  const alsoNoSyslog = forward === 'no' || forward === 'false' || forward === '0';
  return alsoNoSyslog
    ? 'journald stores nothing (Storage=none) and forwards nothing to syslog (ForwardToSyslog=no)'
    : 'journald stores nothing (Storage=none)';
};

function iniValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const eq = line.indexOf('=');
    if (eq > 0) values.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return values;
}

const SYSLOG = /^\/etc\/(?:syslog\.conf|rsyslog\.conf|rsyslog\.d\/[^/]+\.conf)$/;
/** Actions that throw a message away: the null device, or rsyslog's `stop` (formerly `~`). */
const DISCARD = new Set(['/dev/null', '-/dev/null', 'stop', '~']);

/**
 * syslog.conf(5) and rsyslog.conf(5): a `*.*` selector (every facility,
 * every priority) whose action discards. Example: "*.*   /dev/null", "*.* stop".
 */
export const syslogDiscards: LoggingCheck = (obs) => {
  if (!SYSLOG.test(obs.path) || !obs.content) return null;
  for (const raw of obs.content.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#')) continue;
    const m = /^(\S+)\s+(\S+)\s*$/.exec(line);
    if (!m || !m[1]!.startsWith('*.*') || !DISCARD.has(m[2]!)) continue;
    return `${baseName(obs.path)} discards every message (${m[1]} ${m[2]})`;
  }
  return null;
};

/** `/var/log` or a log file in it replaced by a link to /dev/null. */
export const logFolderNulled: LoggingCheck = (obs) => {
  if (!linksToDevNull(obs)) return null;
  if (obs.path === '/var/log') return 'the log folder /var/log is a link to /dev/null';
  if (obs.path.startsWith('/var/log/')) return `the log file ${obs.path} is a link to /dev/null`;
  return null;
};

const HISTORY_FILES = new Set([
  '.bash_history',
  '.ash_history',
  '.zsh_history',
  '.sh_history',
  '.history',
]);

/** A shell history file linked to /dev/null, anywhere: commands typed leave no trace. */
export const historyNulled: LoggingCheck = (obs) => {
  if (!HISTORY_FILES.has(baseName(obs.path)) || !linksToDevNull(obs)) return null;
  return `the shell history ${obs.path} is a link to /dev/null`;
};

export const LOGGING_CHECKS: readonly LoggingCheck[] = [
  journaldOff,
  syslogDiscards,
  logFolderNulled,
  historyNulled,
];
