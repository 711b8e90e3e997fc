import type { ConfigObservation, PortBinding } from '../../model/observation.js';
import { arr, bool, num, obj, str } from '../../util/text.js';
import { stringValues } from './audit-event.js';
import type { ContainerState } from './pod-status.js';
import { repoDigest } from './pod-status.js';
import { quantity } from './quantity.js';

/**
 * What a pod says of itself and each container beyond security: its labels,
 * annotations, controller, node and service account; a container's ports,
 * limits and the digest its image was pulled by.
 * Spec: https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/
 */
export type PodIdentity = Pick<
  ConfigObservation,
  'labels' | 'annotations' | 'owner' | 'node' | 'serviceAccount'
>;

export type ContainerExtras = Pick<
  ConfigObservation,
  'ports' | 'limits' | 'imageDigest' | 'devices'
>;

export function podIdentity(
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> | null,
): PodIdentity {
  return {
    labels: stringValues(metadata?.['labels']),
    annotations: stringValues(metadata?.['annotations']),
    owner: ownerOf(metadata),
    node: str(spec['nodeName']),
    // `serviceAccount` is the deprecated spelling, still filled by old clusters.
    serviceAccount: str(spec['serviceAccountName']) ?? str(spec['serviceAccount']),
  };
}

/**
 * The controlling owner (controller: true), else the first one listed.
 * Example: [{kind: "ReplicaSet", name: "web-5cdcc99dbf", controller: true}].
 */
function ownerOf(metadata: Record<string, unknown> | null): { kind: string; name: string } | null {
  const owners = arr(metadata?.['ownerReferences']).map(obj);
  const owner = owners.find((o) => bool(o?.['controller']) === true) ?? owners[0] ?? null;
  const kind = str(owner?.['kind']);
  const name = str(owner?.['name']);
  return kind === null || name === null ? null : { kind, name };
}

/**
 * NOTE: a pod spec cannot pass host devices in (only a privileged container
 * or a device plugin reaches them), so `devices` is always empty here.
 */
export function containerExtras(
  container: Record<string, unknown>,
  state: ContainerState,
): ContainerExtras {
  return {
    ports: portsOf(container),
    limits: limitsOf(obj(obj(container['resources'])?.['limits'])),
    imageDigest: repoDigest(container['image']) ?? state.repoDigest,
    devices: [],
  };
}

/**
 * Example: {containerPort: 2375, hostPort: 2375, hostIP: "0.0.0.0"} →
 * {hostIp: "0.0.0.0", hostPort: 2375, containerPort: 2375, proto: "tcp"}.
 */
function portsOf(container: Record<string, unknown>): PortBinding[] {
  const ports: PortBinding[] = [];
  for (const entry of arr(container['ports'])) {
    const port = obj(entry);
    if (port === null) continue;
    ports.push({
      hostIp: str(port['hostIP']),
      hostPort: portNumber(port['hostPort']),
      containerPort: portNumber(port['containerPort']),
      proto: (str(port['protocol']) ?? 'TCP').toLowerCase(),
    });
  }
  return ports;
}

function portNumber(value: unknown): number | null {
  const n = num(value);
  return n !== null && Number.isInteger(n) && n > 0 && n < 65536 ? n : null;
}

/**
 * CPU in cores, memory in bytes.
 * Example: {cpu: "500m", memory: "256Mi"} → {cpu: 0.5, memory: 268435456}.
 */
function limitsOf(limits: Record<string, unknown> | null): ConfigObservation['limits'] {
  const cpu = quantity(limits?.['cpu']);
  const memory = quantity(limits?.['memory']);
  return cpu === null && memory === null ? null : { cpu, memory };
}
