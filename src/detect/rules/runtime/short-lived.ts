import type { LifecycleObservation, Observation } from '../../../model/observation.js';
import type { Source } from '../../../model/source.js';
import type { Emit, RuleInstance, RuleLogic } from '../../rule.js';
import { FactsIndex } from './facts.js';

export interface ShortLivedOptions {
  /** Longest life, create to remove, that counts as short. Milliseconds. */
  maxLifeMs: number;
}

export const SHORT_LIVED_DEFAULTS: ShortLivedOptions = { maxLifeMs: 10_000 };

/**
 * NOTE: containers followed at once; the oldest are dropped past this, so a
 * container created long before a flood of others is not judged.
 */
const MAX_TRACKED = 50_000;
/** Reported lives kept until the end of the run, when inspects are all read. */
const MAX_REPORTED = 10_000;

interface Life {
  created: LifecycleObservation;
  execs: number;
  sources: Source[];
}

interface Ended {
  life: Life;
  removed: LifecycleObservation;
}

/**
 * A container created and removed within seconds: the shape of `docker run
 * --rm` used to run one command on the host and leave no container to
 * inspect. An exec into it, or a privileged inspect of it, makes it high.
 */
export function shortLivedRule(options: ShortLivedOptions = SHORT_LIVED_DEFAULTS): RuleLogic {
  return {
    id: 'runtime-short-lived-container',
    kinds: ['lifecycle', 'config'],
    create: () => new ShortLived(options),
  };
}

export const runtimeShortLived: RuleLogic = shortLivedRule();

const EXECS: ReadonlySet<string> = new Set(['exec_create', 'exec_start', 'exec']);

class ShortLived implements RuleInstance {
  private readonly lives = new Map<string, Life>();
  private readonly ended: Ended[] = [];
  private readonly facts = new FactsIndex();

  constructor(private readonly options: ShortLivedOptions) {}

  observe(obs: Observation): void {
    if (obs.kind === 'config') return this.facts.learn(obs);
    if (obs.kind !== 'lifecycle' || !obs.container || obs.ts === null) return;
    if (obs.runtime === 'kubernetes' || (obs.notes ?? []).some((n) => n.startsWith('type:')))
      return;
    const id = obs.container.slice(0, 12);
    if (obs.action === 'create') return this.born(id, obs);
    const life = this.lives.get(id);
    if (!life) return;
    if (EXECS.has(obs.action)) {
      life.execs += 1;
      if (life.sources.length < 16) life.sources.push(obs.source);
    }
    if (obs.action !== 'destroy') return;
    this.lives.delete(id);
    if (obs.ts - life.created.ts! > this.options.maxLifeMs) return;
    if (this.ended.length < MAX_REPORTED) this.ended.push({ life, removed: obs });
  }

  finish(emit: Emit): void {
    for (const { life, removed } of this.ended) emit(this.hitOf(life, removed), life.created);
  }

  private born(id: string, obs: LifecycleObservation): void {
    this.lives.delete(id);
    this.lives.set(id, { created: obs, execs: 0, sources: [obs.source] });
    if (this.lives.size > MAX_TRACKED) this.lives.delete(this.lives.keys().next().value!);
  }

  private hitOf(life: Life, removed: LifecycleObservation) {
    const { created } = life;
    const name = created.name ?? removed.name ?? created.container!.slice(0, 12);
    const seconds = ((removed.ts! - created.ts!) / 1000).toFixed(2);
    const facts = this.facts.of(created) ?? this.facts.of(removed);
    const worse = [
      ...(life.execs > 0 ? ['exec into it'] : []),
      ...(facts?.privileged ? ['privileged'] : []),
    ];
    const why = worse.length > 0 ? `; ${worse.join(', ')}` : '';
    const image = created.image ?? 'image unknown';
    return {
      subject: { containerId: created.container, containerName: name, pod: created.pod },
      summary: `${name} (${image}) was created and removed in ${seconds} s${why}`,
      evidence: [...life.sources, removed.source],
      key: created.container!,
      ...(worse.length > 0 ? { severity: 'high' as const } : {}),
      vars: { seconds, image: created.image ?? 'its image', container: name },
    };
  }
}
