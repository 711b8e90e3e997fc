import { eventType } from './action.js';
import type { DockerEvent } from './docker-fields.js';

/**
 * One line of `docker events` text, taken apart. The CLI writes
 * `<time> <type> <action> <actor ID>[ (<key>=<value>, …)]`, attributes
 * sorted by key, and the action may hold spaces ("exec_start: sh -c id").
 * Example: "2024-03-01T10:13:25.000003000Z container exec_start: sh -c id c454…
 * (execID=9f1e…, image=example/web:2.3, name=web-1)".
 * https://github.com/docker/cli/blob/master/cli/command/system/events.go
 * NOTE: the text is not escaped. An exec command holding " (key=" is taken
 * for the attributes' start, and a value holding ", key=" for the next
 * attribute; `--format '{{json .}}'` has neither ambiguity.
 */
export interface TextEvent {
  time: string;
  event: DockerEvent;
}

/**
 * RFC 3339 with nanoseconds, in UTC or the host's offset.
 * Example: "2024-03-01T11:13:25.5+01:00".
 */
export const DOCKER_TIME = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)`;
const LINE = new RegExp(String.raw`^(${DOCKER_TIME}) ([a-z]+) (.+)$`);
/** Where the attributes start: " (" then a key and "=", through a final ")". */
const ATTRIBUTES = / \((?=[^\s=(),]+=)/g;
/** ", " before the next "key=". */
const NEXT_ATTRIBUTE = /, (?=[^\s=(),]+=)/;

export function parseTextEvent(text: string): TextEvent | null {
  const m = LINE.exec(text);
  if (!m) return null;
  const [, time, type, rest] = m;
  const { head, attributes } = splitAttributes(rest!);
  const space = head.lastIndexOf(' ');
  // "daemon reload" may come without an ID; then the whole head is the verb.
  const action = space < 0 ? head : head.slice(0, space);
  const id = space < 0 ? null : head.slice(space + 1);
  return {
    time: time!,
    event: {
      type: eventType(type!),
      action: action || null,
      id: id || null,
      attributes,
      from: null,
    },
  };
}

function splitAttributes(rest: string): { head: string; attributes: Record<string, string> } {
  if (!rest.endsWith(')')) return { head: rest, attributes: {} };
  for (const m of rest.matchAll(ATTRIBUTES)) {
    const head = rest.slice(0, m.index);
    // The verb and the ID come first: an opening before them is part of the verb.
    if (!head.includes(' ')) continue;
    return { head, attributes: parsePairs(rest.slice(m.index + 2, -1)) };
  }
  return { head: rest, attributes: {} };
}

/** Example: "exitCode=137, image=web:2, name=web-1" → {exitCode: "137", image: …}. */
function parsePairs(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const pair of text.split(NEXT_ATTRIBUTE)) {
    const eq = pair.indexOf('=');
    if (eq > 0) attributes[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return attributes;
}
