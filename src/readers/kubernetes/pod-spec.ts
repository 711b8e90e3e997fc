import type { ConfigObservation, PodRef } from '../../model/observation.js';
import type { Source } from '../../model/source.js';
import { arr, bool, obj, str, strings } from '../../util/text.js';
import { parseTime, type Instant } from '../../util/time.js';
import { canonicalAddresses } from '../../model/address.js';
import { containerExtras, podIdentity, type PodIdentity } from './pod-extras.js';
import { containerSecurity, type PodSecurityInput } from './pod-security.js';
import { containerState, NO_STATE } from './pod-status.js';
import { envOf, indexVolumes, mountsOf, type VolumeIndex } from './pod-volumes.js';

/**
 * Translates a pod spec (from a Pod, a workload's pod template, or the body
 * of an audited request) into one `config` observation per container. Both
 * the audit reader and the kubectl reader call it, so a pod reads the same
 * whichever export it came from.
 * Spec: https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/
 */
export interface PodInput {
  spec: Record<string, unknown>;
  /** The pod's or the template's metadata; annotations are read from it. */
  metadata: Record<string, unknown> | null;
  status: Record<string, unknown> | null;
  pod: PodRef | null;
  /** The observation's time; when null, each container's start is used. */
  time: Instant | null;
  source: Source;
  notes?: string[];
}

/** Spec lists of containers, and the note that marks each kind but the main one. */
const CONTAINER_LISTS: readonly [string, string | null][] = [
  ['initContainers', 'init-container'],
  ['containers', null],
  ['ephemeralContainers', 'ephemeral-container'],
];

interface PodContext {
  input: PodInput;
  security: PodSecurityInput;
  volumes: VolumeIndex;
  namespaces: Pick<ConfigObservation, 'pidMode' | 'ipcMode' | 'networkMode' | 'utsMode'>;
  addresses: string[];
  identity: PodIdentity;
}

export function podConfigs(input: PodInput): ConfigObservation[] {
  const ctx = podContext(input);
  const out: ConfigObservation[] = [];
  for (const [list, note] of CONTAINER_LISTS) {
    for (const entry of arr(input.spec[list])) {
      const container = obj(entry);
      if (container) out.push(containerConfig(ctx, container, list, roleNote(container, note)));
    }
  }
  return out;
}

/** The number of containers a spec lists, to tell an empty spec from a bad one. */
export function containerCount(spec: Record<string, unknown>): number {
  return CONTAINER_LISTS.reduce((n, [list]) => n + arr(spec[list]).length, 0);
}

function podContext(input: PodInput): PodContext {
  const { spec, status } = input;
  const host = (key: string): string | null => (bool(spec[key]) === true ? 'host' : null);
  const ips = arr(status?.['podIPs']).map((p) => obj(p)?.['ip']);
  return {
    input,
    security: {
      podContext: obj(spec['securityContext']),
      annotations: obj(input.metadata?.['annotations']),
    },
    volumes: indexVolumes(spec),
    // hostNetwork also shares the host's UTS namespace (its hostname).
    namespaces: {
      pidMode: host('hostPID'),
      ipcMode: host('hostIPC'),
      networkMode: host('hostNetwork'),
      utsMode: host('hostNetwork'),
    },
    addresses: canonicalAddresses([status?.['podIP'], ...ips]),
    identity: podIdentity(spec, input.metadata),
  };
}

/** A native sidecar is an init container with restartPolicy Always (Kubernetes 1.28+). */
function roleNote(container: Record<string, unknown>, note: string | null): string | null {
  if (note === 'init-container' && str(container['restartPolicy']) === 'Always') {
    return 'sidecar-container';
  }
  return note;
}

function containerConfig(
  ctx: PodContext,
  container: Record<string, unknown>,
  list: string,
  note: string | null,
): ConfigObservation {
  const { input } = ctx;
  const name = str(container['name']);
  const state = input.status ? containerState(input.status, list, name) : NO_STATE;
  const when = input.time ?? parseTime(state.started);
  const notes = [...(input.notes ?? []), ...(note ? [note] : [])];
  return {
    kind: 'config',
    time: when?.iso ?? null,
    ts: when?.ms ?? null,
    source: input.source,
    ...(notes.length > 0 ? { notes } : {}),
    runtime: 'kubernetes',
    container: state.id,
    name,
    image: str(container['image']),
    imageId: state.imageId,
    pod: input.pod,
    started: state.started,
    finished: state.finished,
    ...containerSecurity(container, name, ctx.security),
    ...ctx.namespaces,
    mounts: mountsOf(container, ctx.volumes),
    logDriver: null,
    command: commandOf(container),
    env: envOf(container),
    addresses: ctx.addresses,
    restartCount: state.restartCount,
    exitCode: state.exitCode,
    ...ctx.identity,
    ...containerExtras(container, state),
  };
}

/**
 * command + args; args alone when the image's entrypoint runs them.
 * Example: command ["/bin/sleep"], args ["60"] → ["/bin/sleep", "60"].
 */
function commandOf(container: Record<string, unknown>): string[] | null {
  const hasCommand = Array.isArray(container['command']);
  const hasArgs = Array.isArray(container['args']);
  if (!hasCommand && !hasArgs) return null;
  return [...strings(container['command']), ...strings(container['args'])];
}
