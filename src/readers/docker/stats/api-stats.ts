import type { ResourceObservation } from '../../../model/observation.js';
import { num, obj, str } from '../../../util/text.js';
import { parseTime } from '../../../util/time.js';
import type { Reader } from '../../reader.js';
import { containerName } from '../shared/names.js';
import { jsonRecords } from '../shared/records.js';
import { headKeys, sniffJson } from '../shared/sniff.js';
import { cpuPercent, memoryBytes, networkTotals } from './api-math.js';

/**
 * The Engine API's `GET /containers/{id}/stats` (Docker, and Podman's
 * Docker-compatible API): one object with `stream=false`, a stream of them
 * otherwise, cgroup v1 or v2 on Linux, and Windows samples. Example head:
 * {"read":"2017-12-06T00:42:03.8352972Z","preread":"2017-12-06T00:42:02.8366736Z",
 *  "cpu_stats":{…},"precpu_stats":{…},"memory_stats":{…},"pids_stats":{"current":2},
 *  "networks":{"eth0":{"rx_bytes":1230,"tx_bytes":0,…}},
 *  "name":"/gallant_hamilton","id":"b581…"}
 * https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerStats
 */
export const dockerApiStats: Reader = {
  id: 'docker-api-stats',
  description: 'Engine API container stats objects (one, or a stream of JSON lines)',
  exportCommand:
    'curl --unix-socket /var/run/docker.sock "http://localhost/containers/ID/stats?stream=false"',
  sniff(head) {
    const keys = headKeys(sniffJson(head));
    return keys.has('read') && (keys.has('cpu_stats') || keys.has('memory_stats'));
  },
  async *read(content, ctx, head) {
    for await (const { value, line } of jsonRecords(content, ctx, head)) {
      const sample = obj(value);
      if (!sample || !('read' in sample)) {
        ctx.skip(line, 'not an Engine API stats object (no read time)');
        continue;
      }
      ctx.record();
      yield toResource(sample, { path: ctx.path, line });
    }
  },
};

function toResource(
  sample: Record<string, unknown>,
  source: { path: string; line: number },
): ResourceObservation {
  const time = parseTime(sample.read);
  const [rx, tx] = networkTotals(sample.networks);
  return {
    kind: 'resource',
    time: time?.iso ?? null,
    ts: time?.ms ?? null,
    source,
    container: str(sample.id) ?? str(sample.Id),
    name: containerName(sample.name),
    cpuPercent: cpuPercent(sample),
    memoryBytes: memoryBytes(obj(sample.memory_stats)),
    pids: pids(sample),
    netRxBytes: rx,
    netTxBytes: tx,
  };
}

/** Linux counts tasks in pids_stats; Windows gives num_procs instead. */
function pids(sample: Record<string, unknown>): number | null {
  const current = num(obj(sample.pids_stats)?.current);
  if (current !== null) return current;
  const procs = num(sample.num_procs);
  return procs !== null && procs > 0 ? procs : null;
}
