import type { Observation, ObservationKind } from '../model/observation.js';
import { Dispatch } from './dispatch.js';
import type { AdsCard, Emit, Guard, Hit, Rule, RuleContext, RuleInstance } from './rule.js';
import type { Settings } from './settings.js';

/** A rule's hit with the card that produced it, before entities are resolved. */
export interface RawHit {
  card: AdsCard;
  /** The observation kinds the rule reads: its data sources. */
  kinds: readonly ObservationKind[];
  hit: Hit;
  time: string | null;
  ts: number | null;
}

interface Running {
  card: AdsCard;
  kinds: readonly ObservationKind[];
  guard: Guard | undefined;
  run: RuleInstance;
  /** Built once: calling a rule must not allocate. */
  emit: Emit;
  /** Set when the rule threw: it sees nothing more. */
  off: boolean;
}

export interface NotEvaluable {
  rule: string;
  path: string;
  count: number;
  reason: string;
}

/**
 * Feeds each observation to the rules that asked for its kind and collects
 * their hits. It knows no rule by name; a rule that throws is reported and
 * switched off, so one bad rule never ends the run.
 */
export class Engine {
  private readonly dispatch = new Dispatch<Running>();
  private readonly all: Running[] = [];
  private readonly hits: RawHit[] = [];
  private readonly gaps = new Map<string, NotEvaluable>();
  readonly failures: string[] = [];

  constructor(rules: readonly Rule[], settings: Settings) {
    for (const rule of rules) {
      const run = rule.create(this.contextFor(rule.card.id, settings));
      const { card, kinds, guard } = rule;
      const entry: Running = {
        card,
        kinds,
        guard,
        run,
        emit: this.emitter(card, kinds),
        off: false,
      };
      this.all.push(entry);
      this.dispatch.add(entry, rule.kinds);
    }
  }

  observe(obs: Observation): void {
    for (const list of this.dispatch.listsFor(obs, this.lists)) {
      for (const entry of list) {
        if (entry.off) continue;
        try {
          entry.run.observe(obs, entry.emit);
        } catch (error) {
          this.switchOff(entry, error);
        }
      }
    }
  }

  /** Reused for every observation: the lists of rules that want it. */
  private readonly lists: Running[][] = [];

  finish(): { hits: RawHit[]; notEvaluable: NotEvaluable[] } {
    for (const entry of this.all) {
      if (!entry.run.finish || entry.off) continue;
      try {
        entry.run.finish(entry.emit);
      } catch (error) {
        this.switchOff(entry, error);
      }
    }
    return { hits: this.hits, notEvaluable: [...this.gaps.values()] };
  }

  private emitter(card: AdsCard, kinds: readonly ObservationKind[]): Emit {
    return (hit: Hit, obs?: Observation): void => {
      const evidence = hit.evidence ?? (obs ? [obs.source] : []);
      const time = hit.time !== undefined ? hit.time : (obs?.time ?? null);
      const ts = time === (obs?.time ?? null) ? (obs?.ts ?? null) : time ? Date.parse(time) : null;
      this.hits.push({ card, kinds, hit: { ...hit, evidence }, time, ts });
    };
  }

  private contextFor(rule: string, settings: Settings): RuleContext {
    return {
      settings,
      notEvaluable: (path, reason) => {
        const key = `${rule}\u0000${path}\u0000${reason}`;
        const gap = this.gaps.get(key);
        if (gap) gap.count += 1;
        else this.gaps.set(key, { rule, path, count: 1, reason });
      },
    };
  }

  private switchOff(entry: Running, error: unknown): void {
    entry.off = true;
    this.failures.push(`rule ${entry.card.id} failed and was switched off: ${String(error)}`);
  }
}
