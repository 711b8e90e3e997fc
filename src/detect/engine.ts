import type { Observation, ObservationKind } from '../model/observation.js';
import type { AdsCard, Hit, Rule, RuleContext, RuleInstance } from './rule.js';
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
  run: RuleInstance;
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
  private readonly byKind = new Map<ObservationKind, Running[]>();
  private readonly all: Running[] = [];
  private readonly hits: RawHit[] = [];
  private readonly gaps = new Map<string, NotEvaluable>();
  readonly failures: string[] = [];

  constructor(rules: readonly Rule[], settings: Settings) {
    for (const rule of rules) {
      const run = rule.create(this.contextFor(rule.card.id, settings));
      const entry: Running = { card: rule.card, kinds: rule.kinds, run };
      this.all.push(entry);
      for (const kind of rule.kinds) {
        const list = this.byKind.get(kind) ?? [];
        list.push(entry);
        this.byKind.set(kind, list);
      }
    }
  }

  observe(obs: Observation): void {
    const rules = this.byKind.get(obs.kind);
    if (!rules) return;
    for (const entry of rules) {
      this.guard(entry.card, () => entry.run.observe(obs, this.emitter(entry)));
    }
  }

  finish(): { hits: RawHit[]; notEvaluable: NotEvaluable[] } {
    for (const entry of this.all) {
      if (!entry.run.finish) continue;
      this.guard(entry.card, () => entry.run.finish!(this.emitter(entry)));
    }
    return { hits: this.hits, notEvaluable: [...this.gaps.values()] };
  }

  private emitter({ card, kinds }: Running) {
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

  private guard(card: AdsCard, fn: () => void): void {
    if (this.disabled.has(card.id)) return;
    try {
      fn();
    } catch (error) {
      this.disabled.add(card.id);
      this.failures.push(`rule ${card.id} failed and was switched off: ${String(error)}`);
    }
  }

  private readonly disabled = new Set<string>();
}
