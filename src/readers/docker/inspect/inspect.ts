import type { Readable } from 'node:stream';
import type { Head } from '../../../evidence/open.js';
import type { ConfigObservation } from '../../../model/observation.js';
import type { Source } from '../../../model/source.js';
import { bool, num, obj, str, strings } from '../../../util/text.js';
import { parseTime } from '../../../util/time.js';
import type { ReadContext, Reader } from '../../reader.js';
import { blankConfig, type Runtime } from '../shared/config.js';
import { capability, containerName, imageDigest, podFromLabels } from '../shared/names.js';
import { jsonRecords } from '../shared/records.js';
import { headKeys, sniffJson } from '../shared/sniff.js';
import { exitCode } from '../shared/units.js';
import { addresses, command, confinement, mounts } from './fields.js';
import { devices, labels, limits, ports, pulledDigest } from './settings.js';

/**
 * `docker inspect` and `podman inspect` of containers: an array of objects
 * (or one object, or one a line with --format '{{json .}}'). Podman's says
 * which it is by fields Docker's lacks (ImageName, OCIRuntime); Docker's
 * `Image` is "sha256:<hex>", Podman's the bare hex.
 */
function containerKeys(head: Head): Set<string> | null {
  const keys = headKeys(sniffJson(head));
  const container = keys.has('Id') && (keys.has('State') || keys.has('HostConfig'));
  return container ? keys : null;
}

function isPodman(keys: Set<string>): boolean {
  return keys.has('ImageName') || keys.has('OCIRuntime') || keys.has('IsInfra');
}

export const dockerInspect: Reader = {
  id: 'docker-inspect',
  description: 'docker inspect of containers (JSON array, object, or JSON lines)',
  exportCommand: 'docker inspect $(docker ps -aq) > inspect.json',
  sniff(head) {
    const keys = containerKeys(head);
    return keys !== null && !isPodman(keys);
  },
  read: (content, ctx, head) => readInspect(content, ctx, head, 'docker'),
};

export const podmanInspect: Reader = {
  id: 'podman-inspect',
  description: 'podman inspect of containers (JSON array)',
  exportCommand: 'podman inspect $(podman ps -aq) > inspect.json',
  sniff(head) {
    const keys = containerKeys(head);
    return keys !== null && isPodman(keys);
  },
  read: (content, ctx, head) => readInspect(content, ctx, head, 'podman'),
};

async function* readInspect(
  content: Readable,
  ctx: ReadContext,
  head: Head,
  runtime: Runtime,
): AsyncGenerator<ConfigObservation> {
  for await (const { value, line } of jsonRecords(content, ctx, head)) {
    const record = obj(value);
    if (!record || str(record.Id) === null) {
      ctx.skip(line, 'not a container inspect object (no Id)');
      continue;
    }
    ctx.record();
    yield inspectToConfig(record, runtime, { path: ctx.path, line });
  }
}

/** One inspected container as a config observation, dated when it started (else created). */
export function inspectToConfig(
  record: Record<string, unknown>,
  runtime: Runtime,
  source: Source,
): ConfigObservation {
  const state = obj(record.State);
  const host = obj(record.HostConfig);
  const config = obj(record.Config);
  const started = parseTime(state?.StartedAt);
  const obs = blankConfig(runtime, started ?? parseTime(record.Created), source);
  const { seccomp, apparmor } = confinement(host?.SecurityOpt, record.AppArmorProfile);
  Object.assign(obs, {
    container: str(record.Id),
    name: containerName(record.Name),
    image: str(config?.Image) ?? str(record.ImageName),
    imageId: imageDigest(record.Image),
    pod: podFromLabels(config?.Labels),
    started: started?.iso ?? null,
    finished: parseTime(state?.FinishedAt)?.iso ?? null,
    privileged: bool(host?.Privileged),
    capAdd: strings(host?.CapAdd).map(capability),
    capDrop: strings(host?.CapDrop).map(capability),
    seccomp,
    apparmor,
    pidMode: str(host?.PidMode),
    ipcMode: str(host?.IpcMode),
    networkMode: str(host?.NetworkMode),
    utsMode: str(host?.UTSMode),
    mounts: mounts(record.Mounts, host?.Binds),
    logDriver: str(obj(host?.LogConfig)?.Type),
    user: str(config?.User),
    command: command(config, record.Path, record.Args),
    env: strings(config?.Env),
    addresses: addresses(record.NetworkSettings),
    restartCount: num(record.RestartCount),
    // A running container's ExitCode is 0 by default, not an exit.
    exitCode: bool(state?.Running) === true ? null : exitCode(state?.ExitCode),
    labels: labels(config?.Labels),
    owner: null,
    node: null,
    serviceAccount: null,
    ports: ports(host?.PortBindings, obj(record.NetworkSettings)?.Ports),
    devices: devices(host?.Devices),
    limits: limits(host),
    imageDigest: pulledDigest(config?.Image, record.ImageDigest),
  } satisfies Partial<ConfigObservation>);
  return obs;
}
