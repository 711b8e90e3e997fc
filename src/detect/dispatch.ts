import type { Observation, ObservationKind } from '../model/observation.js';
import type { Guard } from './rule.js';

/**
 * Which rules see which observations. Most rules look at a narrow slice of
 * their kind (role writes, exec requests, die events); a rule that states
 * the slice as a guard on one top-level field is not called for the rest.
 * With a hundred rules over millions of audit events, that is most of the
 * engine's time.
 */
export class Dispatch<T extends { guard?: Guard | undefined }> {
  private readonly kinds = new Map<ObservationKind, KindTable<T>>();

  add(entry: T, kinds: readonly ObservationKind[]): void {
    for (const kind of kinds) {
      let table = this.kinds.get(kind);
      if (!table) this.kinds.set(kind, (table = { always: [], guards: [] }));
      if (entry.guard) addGuarded(table, entry, entry.guard);
      else table.always.push(entry);
    }
  }

  /**
   * The lists of rules that want the observation, in a fixed order: those
   * of its kind that take every observation, then those whose guard holds.
   * Returned as lists, not visited one by one, so the caller's loop makes
   * no closure per observation.
   */
  listsFor(obs: Observation, out: T[][]): T[][] {
    out.length = 0;
    const table = this.kinds.get(obs.kind);
    if (!table) return out;
    if (table.always.length > 0) out.push(table.always);
    for (const guard of table.guards) {
      const value = (obs as unknown as Record<string, unknown>)[guard.field];
      const list =
        typeof value === 'string'
          ? (guard.byValue.get(value) ?? guard.byValue.get(value.toLowerCase()))
          : value === undefined || value === null
            ? undefined
            : guard.all;
      if (list) out.push(list);
    }
    return out;
  }
}

interface GuardTable<T> {
  field: string;
  /** Rules by the lower-cased value they want. */
  byValue: Map<string, T[]>;
  /** Every rule guarded on this field: for a value that is no string. */
  all: T[];
}

interface KindTable<T> {
  always: T[];
  guards: GuardTable<T>[];
}

function addGuarded<T>(table: KindTable<T>, entry: T, guard: Guard): void {
  let slot = table.guards.find((g) => g.field === guard.field);
  if (!slot) table.guards.push((slot = { field: guard.field, byValue: new Map(), all: [] }));
  slot.all.push(entry);
  for (const value of guard.values) {
    const key = value.toLowerCase();
    const list = slot.byValue.get(key) ?? [];
    if (!list.includes(entry)) list.push(entry);
    slot.byValue.set(key, list);
  }
}
