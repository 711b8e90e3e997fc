import type { ConfigObservation, Mount } from '../../../model/observation.js';
import type { Severity } from '../../../model/severity.js';
import { hostPathClass, normalizePath } from '../../host-paths.js';
import type { Lists } from '../../lists.js';
import { matcher, type Hit, type RuleLogic } from '../../rule.js';
import { configLabel, configSubject, configVars } from '../../describe.js';
import { isLiveConfig } from './scope.js';

/** What a host mount exposes, in the order the three mount rules own it. */
export type MountClass = 'socket' | 'root' | 'sensitive' | 'writable' | null;

export function classifyMount(source: string, readOnly: boolean, lists: Lists): MountClass {
  return hostPathClass(source, lists) ?? (readOnly ? null : 'writable');
}

const WHY: Record<Exclude<MountClass, null>, string> = {
  socket: 'the container runtime socket',
  root: "the host's root filesystem",
  sensitive: 'a sensitive host path',
  writable: 'host folder',
};

function isBind(mount: Mount): boolean {
  return mount.type === null || mount.type === 'bind' || mount.type === 'hostPath';
}

function mountHit(obs: ConfigObservation, mount: Mount, kind: MountClass): Hit {
  const source = mount.source!;
  const mode = mount.readOnly ? 'read-only' : 'read-write';
  const what = WHY[kind!];
  const low = kind === 'writable';
  return {
    subject: configSubject(obs),
    summary: `${configLabel(obs)} mounts ${what} ${source} at ${mount.destination} (${mode})`,
    key: normalizePath(source),
    ...(low ? { severity: 'low' as Severity, confidence: 0.5 } : {}),
    vars: { ...configVars(obs), hostPath: source },
  };
}

/** One rule over host bind mounts: the classes of mount it owns. */
function mountRule(id: string, owns: readonly MountClass[]): RuleLogic {
  return matcher(id, ['config'], (obs, ctx) => {
    const hits: Hit[] = [];
    if (!isLiveConfig(obs)) return hits;
    for (const mount of obs.mounts) {
      // Named volumes live under the runtime's own folder; only host binds expose the host.
      if (!mount.source || !isBind(mount)) continue;
      const kind = classifyMount(mount.source, mount.readOnly, ctx.settings.lists);
      if (owns.includes(kind)) hits.push(mountHit(obs, mount, kind));
    }
    return hits;
  });
}

/** Docker, containerd, CRI-O or Podman socket inside a container: the host's keys. */
export const containerRuntimeSocketMount = mountRule('container-runtime-socket-mount', ['socket']);
/** The host's / mounted: every file of the node, read-only or not. */
export const containerHostRootMount = mountRule('container-host-root-mount', ['root']);
/** Other host paths that give control of the node, and writable host folders (low). */
export const containerSensitiveMount = mountRule('container-sensitive-mount', [
  'sensitive',
  'writable',
]);
