import type { Readable } from 'node:stream';
import type { Head } from '../../../evidence/open.js';
import type { ResourceObservation } from '../../../model/observation.js';
import type { Source } from '../../../model/source.js';
import { arr, obj, str } from '../../../util/text.js';
import type { Instant } from '../../../util/time.js';
import type { ReadContext, Reader } from '../../reader.js';
import { containerName } from '../shared/names.js';
import { jsonRecords } from '../shared/records.js';
import { documentWith, linesWith, sniffJson } from '../shared/sniff.js';
import { parseCount, parsePair, parsePercent } from '../shared/units.js';
import { prefixedSamples, statsLines } from './prefixed.js';

/**
 * What `docker stats` and `podman stats` print, values as display strings:
 * Docker: {"ID":"ed37317fbf42","Name":"nginx","CPUPerc":"0.03%",
 *          "MemUsage":"2.352MiB / 982.5MiB","NetIO":"539kB / 606kB","PIDs":"2",…}
 * Podman: {"id":"4e4aaba029bc","name":"evidence-tampered","cpu_percent":"0.96%",
 *          "mem_usage":"823.3kB / 25.28GB","net_io":"0B / 0B","pids":"1",…}
 * NetIO is "received / sent". "--" means not available.
 */
interface Keys {
  id: string;
  name: string;
  cpu: string;
  memory: string;
  net: string;
  pids: string;
}

const DOCKER: Keys = {
  id: 'ID',
  name: 'Name',
  cpu: 'CPUPerc',
  memory: 'MemUsage',
  net: 'NetIO',
  pids: 'PIDs',
};

const PODMAN: Keys = {
  id: 'id',
  name: 'name',
  cpu: 'cpu_percent',
  memory: 'mem_usage',
  net: 'net_io',
  pids: 'pids',
};

function toResource(
  sample: Record<string, unknown>,
  keys: Keys,
  time: Instant | null,
  source: Source,
): ResourceObservation {
  const [rx, tx] = parsePair(sample[keys.net]);
  return {
    kind: 'resource',
    time: time?.iso ?? null,
    ts: time?.ms ?? null,
    source,
    container: str(sample[keys.id]) ?? str(sample.Container),
    name: containerName(sample[keys.name]),
    cpuPercent: parsePercent(sample[keys.cpu]),
    memoryBytes: parsePair(sample[keys.memory])[0],
    pids: parseCount(sample[keys.pids]),
    netRxBytes: rx,
    netTxBytes: tx,
  };
}

function isSample(value: unknown, keys: Keys): value is Record<string, unknown> {
  const sample = obj(value);
  return sample !== null && (keys.cpu in sample || keys.memory in sample);
}

/** `docker stats --no-stream --format '{{json .}}'` lines, bare or time-prefixed. */
export const dockerStats: Reader = {
  id: 'docker-stats',
  description: 'docker stats samples as JSON lines, optionally prefixed with the time of each',
  exportCommand:
    'while sleep 1; do docker stats --no-stream --format \'{{json .}}\' | sed "s/^/$(date -u +%FT%T.%3NZ) /"; done',
  sniff(head) {
    const json = sniffJson(head);
    if (linesWith(json, DOCKER.cpu) || linesWith(json, DOCKER.memory)) return true;
    const samples = prefixedSamples(head);
    return samples !== null && samples.every((s) => isSample(s, DOCKER));
  },
  async *read(content, ctx) {
    for await (const { line, time, value } of statsLines(content, ctx)) {
      if (!isSample(value, DOCKER)) {
        ctx.skip(line, 'not a docker stats sample (no CPUPerc or MemUsage)');
        continue;
      }
      ctx.record();
      yield toResource(value, DOCKER, time, { path: ctx.path, line });
    }
  },
};

/**
 * `podman stats --no-stream --format json`: an array per snapshot, as a
 * document, or one time-prefixed array a line when collected in a loop.
 */
export const podmanStats: Reader = {
  id: 'podman-stats',
  description: 'podman stats snapshots (JSON arrays, optionally one time-prefixed array a line)',
  exportCommand:
    'while sleep 1; do echo "$(date -u +%FT%T.%3NZ) $(podman stats --no-stream --format json | tr -d "\\n")"; done',
  sniff(head) {
    const json = sniffJson(head);
    if (documentWith(json, PODMAN.cpu) || documentWith(json, PODMAN.memory)) return true;
    const samples = prefixedSamples(head);
    return (
      samples !== null &&
      samples.every((s) => Array.isArray(s) && s.every((e) => isSample(e, PODMAN)))
    );
  },
  async *read(content, ctx, head) {
    if (sniffJson(head)?.shape === 'document') {
      yield* podmanDocument(content, ctx, head);
      return;
    }
    for await (const { line, time, value } of statsLines(content, ctx)) {
      if (!Array.isArray(value)) {
        ctx.skip(line, 'not a podman stats snapshot (no JSON array)');
        continue;
      }
      ctx.record();
      for (const sample of arr(value)) {
        if (!isSample(sample, PODMAN)) {
          ctx.warn(line, 'a snapshot entry that is no podman stats sample; left out');
          continue;
        }
        yield toResource(sample, PODMAN, time, { path: ctx.path, line });
      }
    }
  },
};

async function* podmanDocument(
  content: Readable,
  ctx: ReadContext,
  head: Head,
): AsyncGenerator<ResourceObservation> {
  for await (const { value, line } of jsonRecords(content, ctx, head)) {
    if (!isSample(value, PODMAN)) {
      ctx.skip(line, 'not a podman stats sample (no cpu_percent or mem_usage)');
      continue;
    }
    ctx.record();
    yield toResource(value, PODMAN, null, { path: ctx.path, line });
  }
}
