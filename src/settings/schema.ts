import { z } from 'zod';

/** How a named list's entries match a value; see defaults.yaml. */
export const LIST_TYPES = ['words', 'paths', 'patterns', 'globs', 'ranges'] as const;
export type ListType = (typeof LIST_TYPES)[number];

const name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'list names are lower-case words and dashes');
const values = z.array(z.string().min(1).max(1000)).max(100_000);

const listSpec = z.strictObject({ type: z.enum(LIST_TYPES), values });

/**
 * A stowaway.yaml, or the shipped defaults. Lists given as a bare array add
 * to the list of that name; `replace` swaps a list's values whole.
 * Example:
 *   lists:
 *     trusted-registries: [registry.corp.example]
 *   replace:
 *     cluster-ranges: [10.42.0.0/16, 10.43.0.0/16]
 */
export const settingsFile = z.strictObject({
  /** Threat-intelligence feeds, relative to the configuration file. */
  intel: z.array(z.string().min(1)).max(1000).optional(),
  lists: z.record(name, z.union([listSpec, values])).optional(),
  replace: z.record(name, values).optional(),
});

export type SettingsFile = z.infer<typeof settingsFile>;
export type ListSpec = z.infer<typeof listSpec>;
