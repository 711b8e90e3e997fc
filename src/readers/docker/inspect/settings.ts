import type { PortBinding } from '../../../model/observation.js';
import { canonicalAddress } from '../../../model/address.js';
import { arr, num, obj, str } from '../../../util/text.js';

/**
 * The settings of `docker inspect` / `podman inspect` that rules read
 * beside privileges: labels, published ports, devices, resource limits and
 * the registry digest. Field names follow the Engine API's
 * ContainerInspectResponse; Podman's inspect uses the same names here.
 * https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerInspect
 */

/** String-valued labels. Example: Config.Labels {"role": "worker"}. */
export function labels(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, label] of Object.entries(obj(value) ?? {})) {
    if (typeof label === 'string') out[key] = label;
  }
  return out;
}

/**
 * Ports from HostConfig.PortBindings (what was asked for) and
 * NetworkSettings.Ports (what the running container got), without repeats.
 * Example: {"9000/tcp": [{"HostIp": "", "HostPort": "9000"}]}. An empty HostIp
 * binds every address, so it reads "0.0.0.0"; an exposed port that is not
 * published ({"8000/tcp": null}) is no binding.
 */
export function ports(bindings: unknown, networkPorts: unknown): PortBinding[] {
  const out: PortBinding[] = [];
  const seen = new Set<string>();
  for (const map of [bindings, networkPorts]) {
    for (const [key, list] of Object.entries(obj(map) ?? {})) {
      const { containerPort, proto } = portKey(key);
      for (const item of arr(list)) {
        const binding = obj(item);
        if (binding === null) continue;
        const port = { hostIp: hostIp(binding.HostIp), hostPort: portNumber(binding.HostPort) };
        const found = { ...port, containerPort, proto };
        const id = `${found.hostIp}|${found.hostPort}|${containerPort}|${proto}`;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(found);
      }
    }
  }
  return out;
}

/** "80/tcp" → 80, tcp; "53/udp" → 53, udp; "8080" → 8080, tcp (Docker's default). */
function portKey(key: string): { containerPort: number | null; proto: string } {
  const [port = '', proto = 'tcp'] = key.split('/', 2);
  return { containerPort: portNumber(port), proto: proto.toLowerCase() || 'tcp' };
}

function hostIp(value: unknown): string | null {
  if (value === '') return '0.0.0.0';
  const text = str(value);
  return text === null ? null : (canonicalAddress(text) ?? text);
}

/** A port number 1 to 65535; "" (a port the runtime picks) and "0" give null. */
function portNumber(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= 65535 ? n : null;
}

/** Host devices passed in. Example: HostConfig.Devices [{"PathOnHost": "/dev/sda", …}]. */
export function devices(value: unknown): string[] {
  const out: string[] = [];
  for (const item of arr(value)) {
    const path = str(obj(item)?.PathOnHost);
    if (path !== null && !out.includes(path)) out.push(path);
  }
  return out;
}

/** The CFS period Docker uses when CpuQuota is set alone, in microseconds. */
const DEFAULT_CPU_PERIOD = 100_000;

/**
 * Memory (HostConfig.Memory, bytes) and CPU in cores (NanoCpus / 1e9, else
 * CpuQuota / CpuPeriod); 0 means no limit. Null when neither is set.
 * Example: {"Memory": 67108864, "NanoCpus": 500000000} → {cpu: 0.5, memory: 67108864}.
 */
export function limits(host: Record<string, unknown> | null): {
  cpu: number | null;
  memory: number | null;
} | null {
  const memory = positive(host?.Memory);
  const nano = positive(host?.NanoCpus);
  const quota = positive(host?.CpuQuota);
  const period = positive(host?.CpuPeriod) ?? DEFAULT_CPU_PERIOD;
  const cpu = nano !== null ? nano / 1e9 : quota !== null ? quota / period : null;
  return memory === null && cpu === null ? null : { cpu, memory };
}

function positive(value: unknown): number | null {
  const n = num(value);
  return n !== null && n > 0 ? n : null;
}

const DIGEST = /@(sha256:[0-9a-f]{64})$/;

/**
 * The registry digest the image was pulled by: Config.Image
 * "nginx@sha256:9b0e…" (Docker), or Podman's ImageDigest "sha256:41b0…".
 */
export function pulledDigest(configImage: unknown, podmanDigest: unknown): string | null {
  const m = DIGEST.exec(str(configImage)?.toLowerCase() ?? '');
  if (m) return m[1]!;
  const digest = str(podmanDigest)?.toLowerCase() ?? null;
  return digest !== null && /^sha256:[0-9a-f]{64}$/.test(digest) ? digest : null;
}
