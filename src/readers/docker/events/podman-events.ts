import type { LifecycleObservation } from '../../../model/observation.js';
import type { Source } from '../../../model/source.js';
import { obj, str } from '../../../util/text.js';
import { parseTime } from '../../../util/time.js';
import type { Reader } from '../../reader.js';
import { podFromLabels } from '../shared/names.js';
import { jsonLines } from '../../shared/json-records.js';
import { linesWith, sniffJson } from '../shared/sniff.js';
import { exitCode } from '../shared/units.js';
import { EXIT_ACTIONS, normalizeAction } from './action.js';
import { lifecycleAt } from './lifecycle.js';
import { eventInstant } from './time.js';

/**
 * `podman events --format json`, one event a line, and the same records in
 * Podman's events file (events_logger = "file"). Example:
 * {"ContainerExitCode":3,"ID":"5621…","Image":"docker.io/evidence/base:1.0",
 *  "Name":"evidence-fail","Status":"died","Time":"2026-12-03T15:41:45.402104709Z",
 *  "Type":"container","Attributes":{…labels…}}
 * Podman omits ContainerExitCode when it is 0, so a `died` without it has
 * an unknown exit code (null), not 0.
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
      const type = str(event.Type);
      if (type === 'container' && str(event.ID) === null) {
        ctx.skip(line, 'container event without an ID');
        continue;
      }
      ctx.record();
      const source = { path: ctx.path, line };
      if (type === 'container') yield containerEvent(event, status, text, source);
      else if (type === 'network') {
        const obs = networkEvent(event, status, text, source);
        if (obs) yield obs;
      }
    }
  },
};

function containerEvent(
  event: Record<string, unknown>,
  status: string,
  text: string,
  source: Source,
): LifecycleObservation {
  const { action, detail } = normalizeAction(status);
  const time = parseTime(event.Time) ?? eventInstant(event, text);
  return lifecycleAt(time, source, {
    runtime: 'podman',
    container: str(event.ID),
    name: str(event.Name),
    image: str(event.Image),
    pod: podFromLabels(event.Attributes),
    action,
    // Example: {"Status":"health_status","HealthStatus":"unhealthy"}.
    detail: detail ?? str(event.HealthStatus),
    exitCode: EXIT_ACTIONS.has(action) ? exitCode(event.ContainerExitCode) : null,
  });
}

/** Example: {"ID":"4e4a…","Name":"web","Network":"podman","Status":"connect","Type":"network"} */
function networkEvent(
  event: Record<string, unknown>,
  status: string,
  text: string,
  source: Source,
): LifecycleObservation | null {
  const { action } = normalizeAction(status);
  const container = str(event.ID);
  if (container === null || (action !== 'connect' && action !== 'disconnect')) return null;
  const time = parseTime(event.Time) ?? eventInstant(event, text);
  return lifecycleAt(time, source, {
    runtime: 'podman',
    container,
    name: str(event.Name),
    image: null,
    pod: null,
    action,
    detail: str(event.Network),
    exitCode: null,
  });
}
