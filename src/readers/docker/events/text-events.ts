import type { Head } from '../../../evidence/open.js';
import type { Recognizer } from '../../reader.js';
import { firstLines } from '../shared/sniff.js';

/**
 * `docker events` without --format prints one line an event:
 * "2024-03-01T10:00:00.123456789Z container create 7faa… (image=nginx, name=web)".
 * Its attributes are `key=value` pairs joined by ", ", which a value can
 * hold too, so the text cannot be parsed back reliably.
 */
const DOCKER_TIME = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)`;
const DOCKER_TYPES = 'container|image|volume|network|daemon|plugin|service|node|secret|config';
const DOCKER_TEXT = new RegExp(String.raw`^${DOCKER_TIME} (?:${DOCKER_TYPES}) \S+`);

/**
 * `podman events` without --format:
 * "2026-12-03 15:41:24.909999552 +0000 UTC container create c3b8… (image=…, name=…)".
 */
const PODMAN_TIME = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [+-]\d{4} \S+`;
const PODMAN_TYPES = 'container|image|pod|volume|network|system|machine|secret';
const PODMAN_TEXT = new RegExp(String.raw`^${PODMAN_TIME} (?:${PODMAN_TYPES}) \S+`);

/** How many leading lines must all look like events. */
const SAMPLE = 5;

function allMatch(head: Head, pattern: RegExp): boolean {
  const lines = firstLines(head, SAMPLE);
  return lines.length > 0 && lines.every((line) => pattern.test(line));
}

/** True for text `docker events` output; the log reader must not take it for log lines. */
export function looksLikeDockerTextEvents(head: Head): boolean {
  return allMatch(head, DOCKER_TEXT);
}

export const dockerTextEvents: Recognizer = {
  id: 'docker-events-text',
  sniff: looksLikeDockerTextEvents,
  reason: () =>
    "docker events in text form, whose attributes cannot be parsed back reliably; re-export them with `docker events --since 24h --until now --format '{{json .}}'`",
};

export const podmanTextEvents: Recognizer = {
  id: 'podman-events-text',
  sniff: (head) => allMatch(head, PODMAN_TEXT),
  reason: () =>
    'podman events in text form, whose attributes cannot be parsed back reliably; re-export them with `podman events --since 24h --stream=false --format json`',
};
