import { obj, str } from '../../../util/text.js';
import { parseTime } from '../../../util/time.js';
import type { Reader } from '../../reader.js';
import { podFromLabels } from '../shared/names.js';
import { jsonLines } from '../../shared/json-records.js';
import { linesWith, sniffJson } from '../shared/sniff.js';
import { exitCode } from '../shared/units.js';
import { EXIT_ACTIONS, eventType, normalizeAction } from './action.js';
import { lifecycleAt, type LifecycleFields } from './lifecycle.js';
import { objectFields } from './objects.js';
import { eventInstant } from './time.js';

/**
 * `podman events --format json`, one event a line, and the same records in
 * Podman's events file (events_logger = "file"). Example:
 * {"ContainerExitCode":3,"ID":"5621…","Image":"docker.io/evidence/base:1.0",
 *  "Name":"evidence-fail","Status":"died","Time":"2026-12-03T15:41:45.402104709Z",
 *  "Type":"container","Attributes":{…labels…}}
 * Podman omits ContainerExitCode when it is 0, so a `died` without it has
 * an unknown exit code (null), not 0. Image, system, volume and pod events
 * become lifecycle observations with a `type:` note (see objects.ts).
 * https://docs.podman.io/en/latest/markdown/podman-events.1.html
 */
export const podmanEvents: Reader = {
  id: 'podman-events',
  description: 'Podman events as JSON lines (podman events --format json, the events file)',
  exportCommand: 'podman events --since 24h --stream=false --format json',
  sniff(head) {
    return linesWith(sniffJson(head), 'Status', 'Type');
  },
  async *read(content, ctx) {
    for await (const { value, line, text = '' } of jsonLines(content, ctx)) {
      const event = obj(value);
      const status = str(event?.Status);
      if (!event || status === null) {
        ctx.skip(line, 'not a Podman event object (no Status)');
        continue;
      }
      const type = eventType(str(event.Type));
      if (type === 'container' && str(event.ID) === null) {
        ctx.skip(line, 'container event without an ID');
        continue;
      }
      ctx.record();
      const time = parseTime(event.Time) ?? eventInstant(event, text);
      yield lifecycleAt(time, { path: ctx.path, line }, podmanFields(event, status, type));
    }
  },
};

function podmanFields(
  event: Record<string, unknown>,
  status: string,
  type: string,
): LifecycleFields {
  const { action, detail } = normalizeAction(status, type);
  if (type === 'container') return containerFields(event, action, detail);
  const id = str(event.ID);
  const name = str(event.Name);
  const fields = objectFields({ runtime: 'podman', type, action, detail, id, name });
  if (type === 'network') networkFields(event, fields);
  return fields;
}

function containerFields(
  event: Record<string, unknown>,
  action: string,
  detail: string | null,
): LifecycleFields {
  return {
    runtime: 'podman',
    container: str(event.ID),
    name: str(event.Name),
    image: str(event.Image),
    pod: podFromLabels(event.Attributes),
    action,
    // Example: {"Status":"health_status","HealthStatus":"unhealthy"}.
    detail: detail ?? str(event.HealthStatus),
    exitCode: EXIT_ACTIONS.has(action) ? exitCode(event.ContainerExitCode) : null,
  };
}

/**
 * Podman's network events are about a container: ID and Name are the
 * container's, Network the network's.
 * Example: {"ID":"4e4a…","Name":"web","Network":"podman","Status":"connect","Type":"network"}
 */
function networkFields(event: Record<string, unknown>, fields: LifecycleFields): void {
  const network = str(event.Network);
  if (network === null) return;
  fields.container = str(event.ID);
  fields.name = str(event.Name);
  fields.detail = network;
}
