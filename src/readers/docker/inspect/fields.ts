import type { Mount } from '../../../model/observation.js';
import { arr, bool, obj, str, strings } from '../../../util/text.js';
import { canonicalAddressOf } from '../../../model/address.js';

/**
 * Settings of `docker inspect` / `podman inspect` that need more than a
 * field lookup. Field names follow the Engine API's ContainerInspectResponse:
 * https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerInspect
 */

export interface Confinement {
  seccomp: string | null;
  apparmor: string | null;
}

/**
 * Seccomp and AppArmor profiles from HostConfig.SecurityOpt, which takes
 * "seccomp=unconfined" and the older "seccomp:unconfined" alike, and from
 * AppArmorProfile. Example: ["apparmor=unconfined", "no-new-privileges"].
 */
export function confinement(securityOpt: unknown, appArmorProfile: unknown): Confinement {
  let seccomp: string | null = null;
  let apparmor: string | null = null;
  for (const option of strings(securityOpt)) {
    const m = /^(seccomp|apparmor)[=:](.*)$/i.exec(option.trim());
    if (!m || m[2] === '') continue;
    if (m[1]!.toLowerCase() === 'seccomp') seccomp = m[2]!;
    else apparmor = m[2]!;
  }
  return { seccomp, apparmor: apparmor ?? str(appArmorProfile) };
}

/**
 * Mounts from Mounts[] (what the runtime set up), then any HostConfig.Binds
 * entry for a destination Mounts[] does not list. A volume is named by its
 * name, not its folder under /var/lib/docker, so that it never passes for a
 * host path.
 */
export function mounts(mountList: unknown, binds: unknown): Mount[] {
  const out: Mount[] = [];
  for (const item of arr(mountList)) {
    const m = obj(item);
    const destination = str(m?.Destination);
    if (!m || destination === null) continue;
    const type = str(m.Type);
    const source = type === 'volume' ? (str(m.Name) ?? str(m.Source)) : str(m.Source);
    out.push({ source, destination, readOnly: bool(m.RW) === false, type });
  }
  const seen = new Set(out.map((m) => m.destination));
  for (const bind of strings(binds)) {
    const parsed = parseBind(bind);
    if (parsed && !seen.has(parsed.destination)) {
      seen.add(parsed.destination);
      out.push(parsed);
    }
  }
  return out;
}

/**
 * "source:destination[:options]", where a Windows path may start with a
 * drive letter. Examples: "/:/host:ro", "portainer_data:/data", "C:\\data:C:\\app".
 */
const BIND = /^((?:[A-Za-z]:)?[^:]+):((?:[A-Za-z]:)?[^:]+)(?::([^:]*))?$/;

export function parseBind(bind: string): Mount | null {
  const m = BIND.exec(bind);
  if (!m) return null;
  const source = m[1]!;
  const options = (m[3] ?? '').split(',');
  const hostPath = source.startsWith('/') || /^[A-Za-z]:/.test(source);
  return {
    source,
    destination: m[2]!,
    readOnly: options.includes('ro'),
    type: hostPath ? 'bind' : 'volume',
  };
}

/**
 * What the container runs: Config.Entrypoint then Config.Cmd (each a list,
 * a string, or "" in Podman's inspect), else Path and Args.
 */
export function command(
  config: Record<string, unknown> | null,
  path: unknown,
  args: unknown,
): string[] | null {
  const parts = [...listOrString(config?.Entrypoint), ...listOrString(config?.Cmd)];
  if (parts.length > 0) return parts;
  const run = str(path);
  return run === null ? null : [run, ...strings(args)];
}

function listOrString(value: unknown): string[] {
  const text = str(value);
  return text !== null ? [text] : strings(value);
}

/** IPv4 and global IPv6 addresses of the default network and each named one. */
export function addresses(networkSettings: unknown): string[] {
  const settings = obj(networkSettings);
  const found = new Set<string>();
  const add = (holder: Record<string, unknown> | null): void => {
    for (const key of ['IPAddress', 'GlobalIPv6Address']) {
      const address = canonicalAddressOf(holder?.[key]);
      if (address) found.add(address);
    }
  };
  add(settings);
  for (const network of Object.values(obj(settings?.Networks) ?? {})) add(obj(network));
  return [...found];
}
