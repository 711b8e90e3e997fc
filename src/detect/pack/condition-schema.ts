import { zod, type Zod } from '../../util/zod.js';

type Scalar = string | number | boolean | null;

/**
 * A condition over one observation's fields, as rule files write it.
 * Example:
 *   all:
 *     - { field: verb, in: [create, update, patch] }
 *     - { field: requestObject.roleRef.name, equals: cluster-admin }
 */
export type Condition =
  { all: Condition[] } | { any: Condition[] } | { not: Condition } | FieldTest;

/** One test of one field; exactly one operator besides `field`. */
export interface FieldTest {
  field: string;
  equals?: Scalar;
  in?: Scalar[];
  inList?: string;
  matches?: string;
  contains?: string;
  startsWith?: string;
  endsWith?: string;
  exists?: boolean;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export const OPERATORS = [
  'equals',
  'in',
  'inList',
  'matches',
  'contains',
  'startsWith',
  'endsWith',
  'exists',
  'gt',
  'gte',
  'lt',
  'lte',
] as const;

let schema: Zod.ZodType<Condition> | null = null;

/** The schema of a condition, built on first use. */
export function conditionSchema(): Zod.ZodType<Condition> {
  schema ??= buildSchema();
  return schema;
}

function buildSchema(): Zod.ZodType<Condition> {
  const z = zod();
  const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

  const fieldTest = z
    .strictObject({
      field: z.string().min(1),
      equals: scalar.optional(),
      in: z.array(scalar).optional(),
      inList: z.string().optional(),
      matches: z.string().optional(),
      contains: z.string().optional(),
      startsWith: z.string().optional(),
      endsWith: z.string().optional(),
      exists: z.boolean().optional(),
      gt: z.number().optional(),
      gte: z.number().optional(),
      lt: z.number().optional(),
      lte: z.number().optional(),
    })
    .refine((t) => OPERATORS.filter((op) => op in t).length === 1, {
      message: 'a field test takes exactly one operator: ' + OPERATORS.join(', '),
    });

  const condition: Zod.ZodType<Condition> = z.lazy(() =>
    z.union([
      z.strictObject({ all: z.array(condition).min(1) }),
      z.strictObject({ any: z.array(condition).min(1) }),
      z.strictObject({ not: condition }),
      fieldTest,
    ]),
  );
  return condition;
}
