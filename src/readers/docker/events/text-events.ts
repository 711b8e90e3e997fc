import type { Head } from '../../../evidence/open.js';
import { lineBatches } from '../../../evidence/lines.js';
import { parseTime } from '../../../util/time.js';
import type { Reader, Recognizer } from '../../reader.js';
import { firstLines } from '../shared/sniff.js';
import { eventFields, problemOf } from './docker-fields.js';
import { lifecycleAt } from './lifecycle.js';
import { DOCKER_TIME, parseTextEvent } from './text-line.js';

/**
 * `docker events` without --format prints one line an event (docker/cli
 * cli/command/system/events.go): the time, the type, the action, the
 * actor's ID and its attributes in parentheses.
 * Example: "2024-03-01T10:00:00.123456789Z container create 7faa… (image=nginx, name=web)".
 */
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

export const dockerTextEvents: Reader = {
  id: 'docker-events-text',
  description: 'Docker events as text lines (docker events without --format)',
  exportCommand: 'docker events --since 24h --until now > events.txt',
  sniff: looksLikeDockerTextEvents,
  async *read(content, ctx) {
    const onOverlong = (line: number): void => ctx.skip(line, 'event line too long; skipped');
    for await (const { first, lines } of lineBatches(content, { onOverlong })) {
      for (let i = 0; i < lines.length; i++) {
        const text = lines[i]!;
        if (text.trim() === '') continue;
        const line = first + i;
        const parsed = parseTextEvent(text);
        const problem = parsed ? problemOf(parsed.event) : 'not a docker events text line';
        if (problem !== null) {
          ctx.skip(line, problem);
          continue;
        }
        ctx.record();
        const fields = eventFields(parsed!.event);
        yield lifecycleAt(parseTime(parsed!.time), { path: ctx.path, line }, fields);
      }
    }
  },
};

/**
 * NOTE: Podman's text form writes some attributes without their key and
 * differs by event type; it stays unread, since `--format json` exports
 * the same events whole.
 */
export const podmanTextEvents: Recognizer = {
  id: 'podman-events-text',
  sniff: (head) => allMatch(head, PODMAN_TEXT),
  reason: () =>
    'podman events in text form, whose attributes cannot be parsed back reliably; re-export them with `podman events --since 24h --stream=false --format json`',
};
