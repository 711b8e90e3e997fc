import type { LifecycleObservation } from '../../../model/observation.js';
import { obj, str } from '../../../util/text.js';
import type { Reader } from '../../reader.js';
import { podFromLabels } from '../shared/names.js';
import { jsonLines } from '../../shared/json-records.js';
import { exitCode } from '../shared/units.js';
import { linesWith, sniffJson } from '../shared/sniff.js';
import { EXIT_ACTIONS, normalizeAction } from './action.js';
import { lifecycleAt } from './lifecycle.js';
import { eventInstant } from './time.js';

/**
 * `docker events --format '{{json .}}'` and the Engine API `/events` stream,
 * in every shape the API has had:
 * - before 1.22: {"status":"die","id":"75d7…","from":"example/legacy:1.0","time":1709288000}
 * - 1.22 to 1.51: those fields plus {"Type","Action","Actor":{"ID","Attributes"},"timeNano"}
 * - 1.52 (Engine 29) on: only Type, Action, Actor, time and timeNano.
 * Network events never had `status`. https://docs.docker.com/reference/api/engine/
 */
export const dockerEvents: Reader = {
  id: 'docker-events',
  description: 'Docker events as JSON lines (every Engine API shape)',
  exportCommand: "docker events --since 24h --until now --format '{{json .}}'",
  sniff(head) {
    const json = sniffJson(head);
    return linesWith(json, 'Actor') || linesWith(json, 'status', 'id', 'time');
  },
  async *read(content, ctx) {
    for await (const { value, line, text = '' } of jsonLines(content, ctx)) {
      const event = obj(value);
      const fields = event ? fieldsOf(event) : null;
      const problem = fields ? problemOf(fields) : 'not a Docker event object';
      if (problem !== null) {
        ctx.skip(line, problem);
        continue;
      }
      ctx.record();
      const obs = toLifecycle(event!, fields!, text, { path: ctx.path, line });
      if (obs) yield obs;
    }
  },
};

interface Fields {
  type: string;
  id: string | null;
  attributes: Record<string, unknown>;
  action: string | null;
}

function problemOf(f: Fields): string | null {
  if (f.action === null) return 'event without an Action or status';
  if (f.type === 'container' && f.id === null) return 'container event without an id';
  return null;
}

/** The fields every shape carries, with the newer names winning. */
function fieldsOf(event: Record<string, unknown>): Fields {
  const actor = obj(event.Actor);
  return {
    type: str(event.Type) ?? (str(event.status) ? 'container' : 'unknown'),
    id: str(actor?.ID) ?? str(event.id),
    attributes: obj(actor?.Attributes) ?? {},
    action: str(event.Action) ?? str(event.status),
  };
}

/**
 * Container events become lifecycle observations; so do network connect
 * and disconnect, which name the container in Attributes.container. Other
 * events (image, volume, daemon, …) are read but say nothing of a container.
 */
function toLifecycle(
  event: Record<string, unknown>,
  f: Fields,
  text: string,
  source: { path: string; line: number },
): LifecycleObservation | null {
  if (f.type === 'container') return containerEvent(event, f, text, source);
  if (f.type === 'network') return networkEvent(event, f, text, source);
  return null;
}

function containerEvent(
  event: Record<string, unknown>,
  f: Fields,
  text: string,
  source: { path: string; line: number },
): LifecycleObservation {
  const { action, detail } = normalizeAction(f.action!);
  const a = f.attributes;
  const exit = EXIT_ACTIONS.has(action) ? exitCode(a.exitCode ?? a.containerExitCode) : null;
  const time = eventInstant(event, text);
  return lifecycleAt(time, source, {
    runtime: 'docker',
    container: f.id!,
    name: str(a.name),
    image: str(a.image) ?? str(event.from),
    pod: podFromLabels(a),
    action,
    // A kill names its signal; Docker puts no argument in its verb.
    detail: detail ?? (action === 'kill' ? str(a.signal) : null),
    exitCode: exit,
  });
}

/**
 * Example: {"Type":"network","Action":"connect",
 *           "Actor":{"Attributes":{"container":"c454…","name":"bridge"}}}
 */
function networkEvent(
  event: Record<string, unknown>,
  f: Fields,
  text: string,
  source: { path: string; line: number },
): LifecycleObservation | null {
  const container = str(f.attributes.container);
  const { action } = normalizeAction(f.action!);
  if (container === null || (action !== 'connect' && action !== 'disconnect')) return null;
  const time = eventInstant(event, text);
  return lifecycleAt(time, source, {
    runtime: 'docker',
    container,
    name: null,
    image: null,
    pod: null,
    action,
    detail: str(f.attributes.name),
    exitCode: null,
  });
}
