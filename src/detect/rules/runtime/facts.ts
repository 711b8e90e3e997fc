import type { ConfigObservation, LifecycleObservation } from '../../../model/observation.js';

/** What a container's inspect said about how much of the host it holds. */
export interface ContainerFacts {
  privileged: boolean;
  root: boolean;
}

/**
 * NOTE: containers remembered at once; past this the oldest are forgotten,
 * and an exec into one of them is judged without its settings.
 */
const MAX_CONTAINERS = 50_000;

/** Users that are root. Example: Config.User "0:0" or "root". */
const ROOT_USERS: ReadonlySet<string> = new Set(['0', 'root', '0:0', 'root:root', '0:root']);

/**
 * Settings of the containers an inspect or a pod listing described, for
 * rules that judge an event by the container it happened in. Events name a
 * container by full or short ID and by name, so both are keys.
 */
export class FactsIndex {
  private readonly byKey = new Map<string, ContainerFacts>();

  learn(obs: ConfigObservation): void {
    if ((obs.notes ?? []).includes('audit-request')) return;
    const facts: ContainerFacts = {
      privileged: obs.privileged === true,
      root: obs.user !== null && ROOT_USERS.has(obs.user.trim().toLowerCase()),
    };
    if (obs.container) this.set(`id:${obs.container.slice(0, 12)}`, facts);
    if (obs.name) this.set(`name:${obs.name.replace(/^\//, '')}`, facts);
  }

  /** The settings of the container an event names, when an inspect described it. */
  of(obs: LifecycleObservation): ContainerFacts | null {
    const byId = obs.container ? this.byKey.get(`id:${obs.container.slice(0, 12)}`) : undefined;
    if (byId) return byId;
    if (!obs.name) return null;
    return this.byKey.get(`name:${obs.name.replace(/^\//, '')}`) ?? null;
  }

  private set(key: string, facts: ContainerFacts): void {
    this.byKey.delete(key);
    this.byKey.set(key, facts);
    if (this.byKey.size > MAX_CONTAINERS) this.byKey.delete(this.byKey.keys().next().value!);
  }
}
