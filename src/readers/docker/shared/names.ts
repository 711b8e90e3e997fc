import type { PodRef } from '../../../model/observation.js';
import { obj, str } from '../../../util/text.js';

/** Docker names a container "/web" in inspect and stats; people say "web". */
export function containerName(value: unknown): string | null {
  const name = str(value);
  if (name === null) return null;
  const trimmed = name.startsWith('/') ? name.slice(1) : name;
  return trimmed === '' ? null : trimmed;
}

/**
 * Capabilities without the CAP_ prefix, upper-cased, as rules list them:
 * Docker says "NET_ADMIN", Podman "CAP_NET_ADMIN".
 */
export function capability(value: string): string {
  const upper = value.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * An image config digest as "sha256:<hex>". Docker's inspect already says
 * "sha256:f72c…"; Podman's inspect and ps give the bare hex "f72c…".
 */
export function imageDigest(value: unknown): string | null {
  const id = str(value)?.toLowerCase() ?? null;
  if (id === null) return null;
  if (id.startsWith('sha256:')) return HEX64.test(id.slice(7)) ? id : null;
  return HEX64.test(id) ? `sha256:${id}` : null;
}

/** Labels the kubelet puts on the containers it runs (dockershim, cri-dockerd). */
const POD_NAMESPACE = 'io.kubernetes.pod.namespace';
const POD_NAME = 'io.kubernetes.pod.name';

/** The pod a container belongs to, from its labels. Example: kube-system/coredns-5d78c9869d-x. */
export function podFromLabels(labels: unknown): PodRef | null {
  const map = obj(labels);
  if (!map) return null;
  const namespace = str(map[POD_NAMESPACE]);
  const name = str(map[POD_NAME]);
  return namespace && name ? { namespace, name } : null;
}

/**
 * `docker ps` prints labels as one string: "a=1,b=2". A value holding a
 * comma cannot be told from the next label.
 * NOTE: such values are cut at the comma; only the pod labels are read.
 */
export function labelsFromString(value: unknown): Record<string, string> {
  const labels: Record<string, string> = {};
  const text = str(value);
  if (text === null) return labels;
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return labels;
}
