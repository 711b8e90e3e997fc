import { obj, str } from '../../../util/text.js';
import { podFromLabels } from '../shared/names.js';
import { exitCode } from '../shared/units.js';
import { EXIT_ACTIONS, eventType, normalizeAction } from './action.js';
import type { LifecycleFields } from './lifecycle.js';
import { objectFields } from './objects.js';

/**
 * A Docker event in the terms every shape shares, whether it came as JSON
 * (any API version) or as a line of `docker events` text.
 * https://docs.docker.com/reference/api/engine/version/v1.47/#tag/System/operation/SystemEvents
 */
export interface DockerEvent {
  /** Lower-cased Type; the pre-1.22 shape had containers only. Example: "network". */
  type: string;
  /** The raw verb. Example: "exec_start: sh -c id". */
  action: string | null;
  /** Actor.ID, else the old `id`. */
  id: string | null;
  attributes: Record<string, unknown>;
  /** The old `from`: the container's image. */
  from: string | null;
}

/** The fields of a JSON event, with the newer names winning over the old ones. */
export function jsonEvent(event: Record<string, unknown>): DockerEvent {
  const actor = obj(event.Actor);
  const type = str(event.Type) ?? (str(event.status) ? 'container' : null);
  return {
    type: eventType(type),
    action: str(event.Action) ?? str(event.status),
    id: str(actor?.ID) ?? str(event.id),
    attributes: obj(actor?.Attributes) ?? {},
    from: str(event.from),
  };
}

/** Why an event cannot be read, or null when it can. */
export function problemOf(e: DockerEvent): string | null {
  if (e.action === null) return 'event without an Action or status';
  if (e.type === 'container' && e.id === null) return 'container event without an id';
  return null;
}

/** What an event says happened; call only when problemOf gave null. */
export function eventFields(e: DockerEvent): LifecycleFields {
  const { action, detail } = normalizeAction(e.action!, e.type);
  if (e.type === 'container') return containerFields(e, action, detail);
  const name = str(e.attributes.name);
  const fields = objectFields({ runtime: 'docker', type: e.type, action, detail, id: e.id, name });
  // Network connect and volume mount name the container they concern. Example:
  // {"Type":"network","Action":"connect","Actor":{"ID":"3d13…",
  //  "Attributes":{"container":"c454…","name":"bridge","type":"bridge"}}}
  if (e.type === 'network' || e.type === 'volume') fields.container = str(e.attributes.container);
  return fields;
}

function containerFields(e: DockerEvent, action: string, detail: string | null): LifecycleFields {
  const a = e.attributes;
  // Podman's compatible API adds containerExitCode to every event, 0 until it dies.
  const exit = EXIT_ACTIONS.has(action) ? exitCode(a.exitCode ?? a.containerExitCode) : null;
  return {
    runtime: 'docker',
    container: e.id,
    name: str(a.name),
    image: str(a.image) ?? e.from,
    pod: podFromLabels(a),
    action,
    detail: detail ?? attributeDetail(action, a),
    exitCode: exit,
  };
}

/**
 * The argument of a verb that Docker puts in an attribute instead:
 * kill {"signal":"9"} → "signal 9"; commit {"imageRef":"evil:1"} → "evil:1";
 * archive-path and extract-to-dir (`docker cp` out of and into a container)
 * {"path":"/etc"} → "/etc"; rename {"oldName":"/web"} → "/web".
 */
function attributeDetail(action: string, a: Record<string, unknown>): string | null {
  switch (action) {
    case 'kill': {
      const signal = str(a.signal);
      return signal === null ? null : `signal ${signal}`;
    }
    case 'commit':
      return str(a.imageRef) ?? str(a.imageID);
    case 'archive-path':
    case 'extract-to-dir':
      return str(a.path);
    case 'rename':
      return str(a.oldName);
    default:
      return null;
  }
}
