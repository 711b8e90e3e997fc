import type { Observation, ObservationKind, ObservationOf } from '../model/observation.js';
import type { Severity } from '../model/severity.js';
import type { Source } from '../model/source.js';
import type { Subject } from '../model/subject.js';
import type { Settings } from './settings.js';

/**
 * A rule's Alerting & Detection Strategy card: what it looks for, why, where
 * it is blind, and what a responder does when it fires.
 */
export interface AdsCard {
  /** Stable id. Example: "container-privileged". */
  id: string;
  title: string;
  severity: Severity;
  /** 0..1: how often a hit is the real thing. */
  confidence: number;
  /** ATT&CK technique IDs. Example: ["T1611"]. */
  attack: string[];
  /** Observation kinds and the exports that carry them, in words. */
  dataSources: string[];
  goal: string;
  strategy: string;
  blindSpots: string[];
  falsePositives: string[];
  /**
   * Evidence that makes the rule fire, and evidence of the same kind it must
   * stay quiet on; `stowaway rules test` replays both. Paths are relative to
   * the package. Example: { positive: ["fixtures/rules/k8s-exec/positive.jsonl"] }.
   */
  validation: { positive: string[]; negative: string[] };
  /**
   * Response steps. `{entity}` is replaced by the entity's name, other
   * `{name}` placeholders by the values the rule passes with its hit.
   * Example: "Stop {entity} and keep its filesystem: docker export {entity}".
   */
  response: string[];
}

/** One hit, as a rule reports it; the engine turns hits into findings. */
export interface Hit {
  subject: Subject;
  summary: string;
  /** Defaults to the observation the rule was looking at. */
  evidence?: Source[];
  time?: string | null;
  /**
   * Hits of one rule on one entity with the same key become one finding with
   * all their evidence. Example: the file path, the capability set.
   */
  key?: string;
  severity?: Severity;
  confidence?: number;
  /**
   * ATT&CK IDs this hit adds to the card's, when what it saw warrants more.
   * Example: ["T1041"] for a flow that carried a large upload.
   */
  attack?: string[];
  /** Values for the response templates. Example: { path: "/etc/ld.so.preload" }. */
  vars?: Record<string, string>;
}

export interface RuleContext {
  settings: Settings;
  /** Reports that this rule could not look at some records, and why. */
  notEvaluable(path: string, reason: string): void;
}

export type Emit = (hit: Hit, obs?: Observation) => void;

/** A rule's per-run state: fed every observation of its kinds in time order. */
export interface RuleInstance {
  observe(obs: Observation, emit: Emit): void;
  /** Called once after the last observation; stateful rules report here. */
  finish?(emit: Emit): void;
}

export interface Rule {
  card: AdsCard;
  kinds: ObservationKind[];
  /** The only observations the rule can hit or count; the engine skips the rest. */
  guard?: Guard;
  create(ctx: RuleContext): RuleInstance;
}

/**
 * A top-level field and the values (compared without case) an observation
 * must hold there for the rule to look at it.
 * Example: { field: "resource", values: ["clusterroles", "roles"] }.
 */
export interface Guard {
  field: string;
  values: readonly string[];
}

/**
 * The TypeScript half of a rule whose card is a YAML file beside it: rules
 * that need state (windows, sequences, joins) or logic beyond field matching.
 * The pack joins the two by id.
 */
export interface RuleLogic {
  id: string;
  kinds: ObservationKind[];
  guard?: Guard;
  create(ctx: RuleContext): RuleInstance;
}

/**
 * The same logic, called only for observations whose top-level `field`
 * holds one of `values`. Example: guarded(logic, "resource", ["configmaps"]).
 */
export function guarded(logic: RuleLogic, field: string, values: readonly string[]): RuleLogic {
  return { ...logic, guard: { field, values } };
}

/**
 * Logic that tests one observation at a time. Returns hits for the
 * observation, or nothing.
 */
export function matcher<K extends ObservationKind>(
  id: string,
  kinds: K[],
  test: (obs: ObservationOf<K>, ctx: RuleContext) => Hit | Hit[] | null | undefined,
): RuleLogic {
  return {
    id,
    kinds,
    create: (ctx) => ({
      observe(obs, emit) {
        const result = test(obs as ObservationOf<K>, ctx);
        if (!result) return;
        for (const hit of Array.isArray(result) ? result : [result]) emit(hit, obs);
      },
    }),
  };
}
