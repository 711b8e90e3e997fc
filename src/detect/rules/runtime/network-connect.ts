import type { Observation } from '../../../model/observation.js';
import type { Emit, RuleInstance, RuleLogic } from '../../rule.js';

/**
 * NOTE: containers whose running state is followed at once; past this the
 * oldest are forgotten and a later connect to them goes unjudged.
 */
const MAX_TRACKED = 50_000;

const UP: ReadonlySet<string> = new Set(['start', 'unpause', 'restart']);
const DOWN: ReadonlySet<string> = new Set(['die', 'stop', 'destroy']);

/**
 * A network attached to a container while it runs (`docker network connect`
 * after start), which gives a workload reach it was not deployed with. The
 * runtime's own connects come before the container starts (at create, and
 * again before each restart), so they are not reported.
 */
export const runtimeNetworkConnect: RuleLogic = {
  id: 'runtime-network-connect',
  kinds: ['lifecycle'],
  create: () => new NetworkConnect(),
};

class NetworkConnect implements RuleInstance {
  private readonly running = new Map<string, boolean>();
  private readonly names = new Map<string, string>();

  observe(obs: Observation, emit: Emit): void {
    if (obs.kind !== 'lifecycle' || !obs.container || obs.runtime === 'kubernetes') return;
    const id = obs.container.slice(0, 12);
    const isNetwork = (obs.notes ?? []).includes('type:network');
    if (!isNetwork) {
      if (obs.name) this.remember(this.names, id, obs.name);
      if (UP.has(obs.action)) this.remember(this.running, id, true);
      else if (DOWN.has(obs.action)) this.remember(this.running, id, false);
      return;
    }
    if (obs.action !== 'connect' || this.running.get(id) !== true) return;
    const network = obs.detail ?? 'a network';
    const name = this.names.get(id) ?? id;
    emit(
      {
        subject: { containerId: obs.container, containerName: this.names.get(id) ?? null },
        summary: `running container ${name} was connected to network ${network}`,
        key: network,
        ...(network === 'host' ? { severity: 'high' as const } : {}),
        vars: { network, container: name, inspect: `docker network inspect ${network}` },
      },
      obs,
    );
  }

  private remember<T>(map: Map<string, T>, id: string, value: T): void {
    map.delete(id);
    map.set(id, value);
    if (map.size > MAX_TRACKED) map.delete(map.keys().next().value!);
  }
}
