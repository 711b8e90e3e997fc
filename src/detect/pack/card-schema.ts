import type { ObservationKind } from '../../model/observation.js';
import { SEVERITIES, type Severity } from '../../model/severity.js';
import { zod, type Zod } from '../../util/zod.js';
import type { AdsCard } from '../rule.js';
import { conditionSchema, type Condition } from './condition-schema.js';

/** What a data rule reports when its condition holds. */
export interface EmitSpec {
  /** Template. Example: "{user} bound {requestObject.subjects.name} to cluster-admin". */
  summary: string;
  /** Hits with one key on one entity merge into one finding; default: the summary. */
  key?: string;
  /** Whom the finding is about: the observation's subject, or the requesting identity. */
  subject?: 'default' | 'actor';
  vars?: Record<string, string>;
  /** Severity changes, first match wins. */
  escalate?: { when: Condition; severity: Severity; confidence?: number }[];
}

/**
 * Evidence the rule cannot judge without: observations in `scope` that lack
 * `field` are counted as not evaluable, with `reason`, instead of passing.
 */
export interface RequiresSpec {
  field: string;
  scope: Condition;
  reason: string;
}

/**
 * One rule file: the ADS card, and for a data rule its kinds, condition and
 * what it reports. A card without `when` is completed by TypeScript logic
 * registered under the same id.
 */
export interface RuleFile extends AdsCard {
  kinds?: ObservationKind[];
  when?: Condition;
  requires?: RequiresSpec;
  emit?: EmitSpec;
}

const KINDS = [
  'lifecycle',
  'config',
  'resource',
  'flow',
  'api',
  'log',
  'file-change',
  'image-config',
  'image-file',
] as const satisfies readonly ObservationKind[];

let schema: Zod.ZodType<RuleFile> | null = null;

/** The schema of a rule file, built on first use. */
export function ruleFileSchema(): Zod.ZodType<RuleFile> {
  schema ??= buildSchema();
  return schema;
}

function buildSchema(): Zod.ZodType<RuleFile> {
  const z = zod();
  const condition = conditionSchema();
  const text = z.string().trim().min(1);
  const emit = z.strictObject({
    summary: text,
    key: z.string().optional(),
    subject: z.enum(['default', 'actor']).optional(),
    vars: z.record(z.string(), z.string()).optional(),
    escalate: z
      .array(
        z.strictObject({
          when: condition,
          severity: z.enum(SEVERITIES),
          confidence: z.number().min(0).max(1).optional(),
        }),
      )
      .optional(),
  });
  const requires = z.strictObject({ field: text, scope: condition, reason: text });
  return z
    .strictObject({
      id: z
        .string()
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'rule ids are lower-case words and dashes'),
      title: text,
      severity: z.enum(SEVERITIES),
      confidence: z.number().min(0).max(1),
      attack: z.array(z.string().regex(/^T\d{4}(?:\.\d{3})?$/, 'an ATT&CK id such as T1611')),
      dataSources: z.array(text).min(1),
      goal: text,
      strategy: text,
      blindSpots: z.array(text).min(1),
      falsePositives: z.array(text).min(1),
      validation: z.strictObject({
        positive: z.array(text).min(1),
        negative: z.array(text).min(1),
      }),
      response: z.array(text).min(1),
      kinds: z.array(z.enum(KINDS)).min(1).optional(),
      when: condition.optional(),
      requires: requires.optional(),
      emit: emit.optional(),
    })
    .refine((r) => new Set([r.when, r.emit, r.kinds].map((p) => p === undefined)).size === 1, {
      message: 'a data rule needs kinds, when and emit together; a logic rule has none of them',
    }) as Zod.ZodType<RuleFile>;
}
