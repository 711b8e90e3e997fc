import { obj } from '../../../util/text.js';
import type { Reader } from '../../reader.js';
import { jsonLines } from '../../shared/json-records.js';
import { linesWith, sniffJson } from '../shared/sniff.js';
import { eventFields, jsonEvent, problemOf } from './docker-fields.js';
import { lifecycleAt } from './lifecycle.js';
import { eventInstant } from './time.js';

/**
 * `docker events --format '{{json .}}'` and the Engine API `/events` stream,
 * in every shape the API has had:
 * - before 1.22: {"status":"die","id":"75d7…","from":"example/legacy:1.0","time":1709288000}
 * - 1.22 to 1.51: those fields plus {"Type","Action","Actor":{"ID","Attributes"},"timeNano"}
 * - 1.52 (Engine 29) on: only Type, Action, Actor, time and timeNano.
 * Network events never had `status`. Every event becomes a lifecycle
 * observation; those about images, volumes, the daemon and so on carry a
 * `type:` note (see objects.ts). https://docs.docker.com/reference/api/engine/
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
      const record = obj(value);
      const event = record ? jsonEvent(record) : null;
      const problem = event ? problemOf(event) : 'not a Docker event object';
      if (problem !== null) {
        ctx.skip(line, problem);
        continue;
      }
      ctx.record();
      const time = eventInstant(record!, text);
      yield lifecycleAt(time, { path: ctx.path, line }, eventFields(event!));
    }
  },
};
