import type { Mount } from '../../model/observation.js';
import { arr, bool, obj, str } from '../../util/text.js';

/**
 * A container's volumeMounts joined with the pod's volumes. A hostPath
 * volume's source is the host path (with the mount's subPath below it);
 * other volume types have no host source and say their type.
 * Spec: https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#volumes
 * Example: volume { name: "sock", hostPath: { path: "/var/run/docker.sock" } }
 * mounted at "/var/run/docker.sock" → { source: "/var/run/docker.sock", type: "hostPath" }.
 */
export function mountsOf(container: Record<string, unknown>, volumes: VolumeIndex): Mount[] {
  const mounts: Mount[] = [];
  for (const entry of arr(container['volumeMounts'])) {
    const mount = obj(entry);
    const destination = str(mount?.['mountPath']);
    if (mount === null || destination === null) continue;
    const volume = volumes.get(str(mount['name']) ?? '');
    mounts.push({
      source: hostSource(volume, str(mount['subPath'])),
      destination,
      readOnly: bool(mount['readOnly']) ?? false,
      type: volume ? volumeType(volume) : null,
    });
  }
  return mounts;
}

export type VolumeIndex = Map<string, Record<string, unknown>>;

/** The pod's volumes by name. */
export function indexVolumes(spec: Record<string, unknown>): VolumeIndex {
  const index: VolumeIndex = new Map();
  for (const entry of arr(spec['volumes'])) {
    const volume = obj(entry);
    const name = str(volume?.['name']);
    if (volume && name !== null) index.set(name, volume);
  }
  return index;
}

function hostSource(
  volume: Record<string, unknown> | undefined,
  subPath: string | null,
): string | null {
  const path = str(obj(volume?.['hostPath'])?.['path']);
  if (path === null) return null;
  if (subPath === null) return path;
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return `${path.slice(0, end)}/${subPath.replace(/^\/+/, '')}`;
}

/** The volume's source type: its one member besides `name`. Example: "configMap". */
function volumeType(volume: Record<string, unknown>): string | null {
  for (const key of Object.keys(volume)) if (key !== 'name') return key;
  return null;
}

/**
 * Environment as "NAME=value". A value taken from elsewhere names where,
 * since the value itself is not in the spec.
 * Example: { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "pw" } } }
 * → "DB_PASSWORD=<from secret db/pw>";
 * envFrom { secretRef: { name: "app" } } → "*=<from secret app>".
 */
export function envOf(container: Record<string, unknown>): string[] {
  const env: string[] = [];
  for (const entry of arr(container['env'])) {
    const item = obj(entry);
    const name = str(item?.['name']);
    if (item === null || name === null) continue;
    const from = obj(item['valueFrom']);
    env.push(`${name}=${from ? describeFrom(from) : (stringValue(item['value']) ?? '')}`);
  }
  for (const entry of arr(container['envFrom'])) {
    const item = obj(entry);
    const secret = str(obj(item?.['secretRef'])?.['name']);
    const configMap = str(obj(item?.['configMapRef'])?.['name']);
    const prefix = str(item?.['prefix']) ?? '';
    if (secret !== null) env.push(`${prefix}*=<from secret ${secret}>`);
    if (configMap !== null) env.push(`${prefix}*=<from configmap ${configMap}>`);
  }
  return env;
}

function describeFrom(from: Record<string, unknown>): string {
  const secret = obj(from['secretKeyRef']);
  if (secret) return `<from secret ${str(secret['name']) ?? '?'}/${str(secret['key']) ?? '?'}>`;
  const configMap = obj(from['configMapKeyRef']);
  if (configMap) {
    return `<from configmap ${str(configMap['name']) ?? '?'}/${str(configMap['key']) ?? '?'}>`;
  }
  const field = obj(from['fieldRef']);
  if (field) return `<from field ${str(field['fieldPath']) ?? '?'}>`;
  const resource = obj(from['resourceFieldRef']);
  if (resource) return `<from resource ${str(resource['resource']) ?? '?'}>`;
  return '<from elsewhere>';
}

/** YAML may give a number or boolean where the API has a string. */
function stringValue(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}
