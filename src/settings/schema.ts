import { zod, type Zod } from '../util/zod.js';

/** How a named list's entries match a value; see defaults.yaml. */
export const LIST_TYPES = ['words', 'paths', 'patterns', 'globs', 'images', 'ranges'] as const;
export type ListType = (typeof LIST_TYPES)[number];

export interface ListSpec {
  type: ListType;
  values: string[];
}

/**
 * A stowaway.yaml, or the shipped defaults. Lists given as a bare array add
 * to the list of that name; `replace` swaps a list's values whole.
 * Example:
 *   lists:
 *     trusted-registries: [registry.corp.example]
 *   replace:
 *     cluster-ranges: [10.42.0.0/16, 10.43.0.0/16]
 */
export interface SettingsFile {
  /** Threat-intelligence feeds, relative to the configuration file. */
  intel?: string[];
  lists?: Record<string, ListSpec | string[]>;
  replace?: Record<string, string[]>;
}

let schema: Zod.ZodType<SettingsFile> | null = null;

/** The schema of a settings file, built on first use. */
export function settingsSchema(): Zod.ZodType<SettingsFile> {
  schema ??= buildSchema();
  return schema;
}

function buildSchema(): Zod.ZodType<SettingsFile> {
  const z = zod();
  const name = z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'list names are lower-case words and dashes');
  const values = z.array(z.string().min(1).max(1000)).max(100_000);
  const listSpec = z.strictObject({ type: z.enum(LIST_TYPES), values });
  return z.strictObject({
    intel: z.array(z.string().min(1)).max(1000).optional(),
    lists: z
      .record(
        name,
        z.union([listSpec, values], {
          error: 'expected a list of strings, or { type, values } for a new list',
        }),
      )
      .optional(),
    replace: z.record(name, values).optional(),
  });
}
