import { z } from 'zod';
import { SEVERITIES } from '../../model/severity.js';
import { condition } from './condition-schema.js';

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
] as const;

const text = z.string().trim().min(1);

/** What a data rule reports when its condition holds. */
const emit = z.strictObject({
  /** Template. Example: "{user} bound {requestObject.subjects.name} to cluster-admin". */
  summary: text,
  /** Hits with one key on one entity merge into one finding; default: the summary. */
  key: z.string().optional(),
  /** Whom the finding is about: the observation's subject, or the requesting identity. */
  subject: z.enum(['default', 'actor']).optional(),
  vars: z.record(z.string(), z.string()).optional(),
  /** Severity changes, first match wins. */
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

/**
 * Evidence the rule cannot judge without: observations in `scope` that lack
 * `field` are counted as not evaluable, with `reason`, instead of passing.
 */
const requires = z.strictObject({
  field: text,
  scope: condition,
  reason: text,
});

/**
 * One rule file: the ADS card, and for a data rule its kinds, condition and
 * what it reports. A card without `when` is completed by TypeScript logic
 * registered under the same id.
 */
export const ruleFile = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'rule ids are lower-case words and dashes'),
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
  });

export type RuleFile = z.infer<typeof ruleFile>;
export type EmitSpec = z.infer<typeof emit>;
