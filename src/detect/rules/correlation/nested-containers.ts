import type {
  ConfigObservation,
  LifecycleObservation,
  Observation,
} from '../../../model/observation.js';
import type { Source } from '../../../model/source.js';
import { configLabel, configSubject, configVars } from '../../describe.js';
import type { Lists } from '../../lists.js';
import type { Emit, Hit, RuleContext, RuleInstance, RuleLogic } from '../../rule.js';
import { hostPathClass } from '../../host-paths.js';
import { isLiveConfig } from '../container/scope.js';
import { addSource, CappedMap, pushCapped, shortId } from './shared.js';

/** NOTE: bounds on what the rule remembers for the exec join. */
const MAX_CONTAINERS = 5000;
const MAX_EXECS = 5000;

/** Docker-in-Docker images. Example: "docker:27-dind", "docker:dind-rootless". */
const DIND = /(?:^|\/)docker:(?:[^/]*-)?dind(?:-rootless)?$|(?:^|\/)dind(?::|$)/i;

/**
 * The repository's last word, without registry or tag.
 * Example: "docker.io/library/docker:27-cli" → "docker".
 */
export function repositoryName(image: string): string {
  const path = image.split('@')[0]!;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last.split(':')[0]!.toLowerCase();
}

/** What in the container is a container client: its image or its command. */
function clientIn(obs: ConfigObservation, lists: Lists): string | null {
  const command = obs.command?.join(' ').slice(0, 4096) ?? '';
  const byCommand = command ? lists.search('container-client-patterns', command) : null;
  if (byCommand !== null) return `runs ${byCommand.trim()}`;
  const repo = obs.image ? repositoryName(obs.image) : '';
  return repo && lists.search('container-client-patterns', repo) !== null
    ? `image ${obs.image}`
    : null;
}

function socketOf(obs: ConfigObservation, lists: Lists): string | null {
  for (const m of obs.mounts) {
    if (m.source && m.type !== 'volume' && hostPathClass(m.source, lists) === 'socket') {
      return m.source;
    }
  }
  return null;
}

interface SocketHolder {
  obs: ConfigObservation;
  socket: string;
}

/**
 * Containers that run containers: a runtime socket mounted into one that
 * runs a container client (by its command, its image, or a later exec), or
 * a privileged Docker-in-Docker. What the inner containers do is invisible
 * to monitoring that watches the outer one.
 */
export const crossNestedContainers: RuleLogic = {
  id: 'cross-nested-containers',
  kinds: ['config', 'lifecycle'],
  create: (ctx) => new NestedContainers(ctx),
};

class NestedContainers implements RuleInstance {
  private readonly holders = new CappedMap<SocketHolder>(MAX_CONTAINERS);
  private readonly execs: LifecycleObservation[] = [];

  constructor(private readonly ctx: RuleContext) {}

  observe(obs: Observation, emit: Emit): void {
    const lists = this.ctx.settings.lists;
    if (obs.kind === 'lifecycle') {
      const exec = obs.action.startsWith('exec') && obs.detail !== null;
      if (exec && lists.search('container-client-patterns', obs.detail!.slice(0, 4096)) !== null) {
        pushCapped(this.execs, obs, MAX_EXECS);
      }
      return;
    }
    if (obs.kind !== 'config' || !isLiveConfig(obs)) return;
    const socket = socketOf(obs, lists);
    const client = clientIn(obs, lists);
    if (socket !== null && client !== null) {
      emit(hitFor(obs, `holds the runtime socket ${socket} and ${client}`, [obs.source]), obs);
    } else if (obs.privileged === true && obs.image && DIND.test(obs.image)) {
      emit(hitFor(obs, `runs Docker-in-Docker privileged (image ${obs.image})`, [obs.source]), obs);
    } else if (socket !== null) {
      const key = shortId(obs.container) ?? (obs.name ? `name:${obs.name}` : null);
      if (key !== null) this.holders.offer(key, () => ({ obs, socket }));
    }
  }

  /** Execs of a client into a container that holds the socket; either may come first. */
  finish(emit: Emit): void {
    const found = new Map<SocketHolder, Source[]>();
    for (const exec of this.execs) {
      const holder =
        this.holders.get(shortId(exec.container) ?? '') ?? this.holders.get(`name:${exec.name}`);
      if (!holder) continue;
      const sources = found.get(holder) ?? [holder.obs.source];
      addSource(sources, exec.source);
      found.set(holder, sources);
    }
    for (const [holder, sources] of found) {
      const why =
        `holds the runtime socket ${holder.socket} ` + "and was exec'd with a container client";
      emit(hitFor(holder.obs, why, sources), holder.obs);
    }
  }
}

function hitFor(obs: ConfigObservation, why: string, evidence: Source[]): Hit {
  return {
    subject: configSubject(obs),
    summary: `${configLabel(obs)} ${why}`,
    evidence,
    key: 'nested',
    vars: configVars(obs),
  };
}
