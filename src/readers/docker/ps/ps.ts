import type { Readable } from 'node:stream';
import type { Head } from '../../../evidence/open.js';
import type { ConfigObservation } from '../../../model/observation.js';
import type { Source } from '../../../model/source.js';
import { bool, num, obj, str, strings } from '../../../util/text.js';
import { fromEpoch, fromEpochString, parseTime } from '../../../util/time.js';
import type { ReadContext, Reader } from '../../reader.js';
import { blankConfig } from '../shared/config.js';
import { imageDigest, labelsFromString, podFromLabels } from '../shared/names.js';
import { jsonRecords } from '../shared/records.js';
import { documentWith, linesWith, sniffJson } from '../shared/sniff.js';
import { exitCode } from '../shared/units.js';

/**
 * Container listings: what they carry is little (id, names, image, state,
 * exit code) but they also list containers nobody inspected.
 */

/**
 * `docker ps -a --no-trunc --format '{{json .}}'`, one container a line:
 * {"ID":"3cc3…","Names":"web","Image":"docker.io/evidence/base:1.0","State":"exited",
 *  "Status":"Exited (137) About a minute ago","CreatedAt":"2026-12-03 15:51:34 +0000 UTC",
 *  "Command":"\"httpd -f\"","Labels":"role=web",…}
 */
export const dockerPs: Reader = {
  id: 'docker-ps',
  description: "docker ps as JSON lines (--format '{{json .}}')",
  exportCommand: "docker ps -a --no-trunc --format '{{json .}}'",
  sniff: (head) => linesWith(sniffJson(head), 'ID', 'Names', 'Image', 'Status'),
  read: (content, ctx, head) => readListing(content, ctx, head, dockerLine),
};

/** `podman ps -a --format json`: an array with Names as a list and epoch-second times. */
export const podmanPs: Reader = {
  id: 'podman-ps',
  description: 'podman ps as a JSON array (--format json)',
  exportCommand: 'podman ps -a --format json',
  sniff: (head) => documentWith(sniffJson(head), 'Id', 'Names', 'State', 'Exited'),
  read: (content, ctx, head) => readListing(content, ctx, head, podmanEntry),
};

type Convert = (record: Record<string, unknown>, source: Source) => ConfigObservation | null;

async function* readListing(
  content: Readable,
  ctx: ReadContext,
  head: Head,
  convert: Convert,
): AsyncGenerator<ConfigObservation> {
  for await (const { value, line } of jsonRecords(content, ctx, head)) {
    const record = obj(value);
    const obs = record ? convert(record, { path: ctx.path, line }) : null;
    if (obs === null) {
      ctx.skip(line, 'not a container listing entry (no id)');
      continue;
    }
    ctx.record();
    yield obs;
  }
}

/** "Exited (137) About a minute ago" gives 137; "Up 3 minutes" gives null. */
export function exitFromStatus(status: unknown): number | null {
  const m = /^Exited \((-?\d+)\)/.exec(str(status) ?? '');
  return m ? exitCode(m[1]) : null;
}

function dockerLine(record: Record<string, unknown>, source: Source): ConfigObservation | null {
  const id = str(record.ID);
  if (id === null) return null;
  const obs = blankConfig('docker', parseTime(record.CreatedAt), source);
  obs.container = id;
  obs.name = str(record.Names)?.split(',')[0] ?? null;
  obs.image = str(record.Image);
  obs.pod = podFromLabels(labelsFromString(record.Labels));
  obs.exitCode = exitFromStatus(record.Status);
  // Quoted, and cut with "…" unless exported with --no-trunc.
  const cmd = str(record.Command)?.replace(/^"(.*)"$/s, '$1');
  obs.command = cmd ? [cmd] : null;
  return obs;
}

function podmanEntry(record: Record<string, unknown>, source: Source): ConfigObservation | null {
  const id = str(record.Id);
  if (id === null) return null;
  const started = epoch(record.StartedAt);
  const obs = blankConfig('podman', started ?? epoch(record.Created), source);
  obs.container = id;
  obs.name = strings(record.Names)[0] ?? null;
  obs.image = str(record.Image);
  obs.imageId = imageDigest(record.ImageID);
  obs.pod = podFromLabels(record.Labels);
  obs.started = started?.iso ?? null;
  const exited = bool(record.Exited) === true;
  obs.finished = exited ? (epoch(record.ExitedAt)?.iso ?? null) : null;
  obs.exitCode = exited ? exitCode(record.ExitCode) : null;
  const cmd = strings(record.Command);
  obs.command = cmd.length > 0 ? cmd : null;
  return obs;
}

/** Podman's ps times are epoch seconds, 0 for never. */
function epoch(value: unknown): ReturnType<typeof parseTime> {
  const n = num(value);
  if (n === null || n <= 0) return parseTime(value);
  return (Number.isInteger(n) ? fromEpochString(String(n)) : null) ?? fromEpoch(n);
}
