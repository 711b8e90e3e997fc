import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { Lists } from '../detect/lists.js';
import { UserError } from '../util/errors.js';
import { settingsSchema, type ListSpec, type SettingsFile } from './schema.js';
import type { Zod } from '../util/zod.js';

/** The file looked for in the current folder when --config is not given. */
export const CONFIG_NAME = 'stowaway.yaml';

export interface LoadedSettings {
  lists: Lists;
  /** The configuration file applied over the defaults; null when none. */
  configPath: string | null;
  /** Intel feeds the configuration names, as paths from the current folder. */
  intel: string[];
  /** SHA-256 of the configuration file as read, for the report; null when none. */
  configSha256: string | null;
}

/** The shipped defaults, read once; they are part of the program. */
let defaults: SettingsFile | null = null;

/** The build stores the validated defaults as JSON; from source, the YAML is read. */
export const COMPILED_DEFAULTS = 'defaults.json';

function shippedDefaults(): SettingsFile {
  if (defaults === null) {
    const compiled = new URL(`./${COMPILED_DEFAULTS}`, import.meta.url);
    defaults = existsSync(compiled)
      ? (JSON.parse(readFileSync(compiled, 'utf8')) as SettingsFile)
      : readDefaultsSource();
  }
  return defaults;
}

/** The defaults from their YAML source, validated: what the build compiles. */
export function readDefaultsSource(
  source: URL | string = new URL('./defaults.yaml', import.meta.url),
): SettingsFile {
  const text = readFileSync(source, 'utf8');
  return settingsSchema().parse(parse(text));
}

/** The defaults alone: what rules see when no configuration applies. */
export function defaultLists(): Lists {
  return listsFrom([shippedDefaults()], 'the shipped defaults');
}

/**
 * The lists for a run: the defaults, then `--config FILE` if given, else a
 * stowaway.yaml in the current folder if there is one.
 */
export async function loadSettings(
  config: string | undefined,
  cwd: string,
): Promise<LoadedSettings> {
  const path = config ?? (existsSync(resolve(cwd, CONFIG_NAME)) ? CONFIG_NAME : null);
  if (path === null) {
    return { lists: defaultLists(), configPath: null, intel: [], configSha256: null };
  }
  const { file: user, sha256 } = await readUserFile(resolve(cwd, path), path);
  const intel = (user.intel ?? []).map((feed) => join(dirname(path), feed));
  const lists = listsFrom([shippedDefaults(), user], path);
  return { lists, configPath: path, intel, configSha256: sha256 };
}

async function readUserFile(
  full: string,
  shown: string,
): Promise<{ file: SettingsFile; sha256: string }> {
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UserError(`cannot read the configuration ${shown} (${code}); check the path`);
  }
  let value: unknown;
  try {
    value = parse(text.replace(/^\uFEFF/, '')) ?? {};
  } catch (error) {
    throw new UserError(`${shown} is not valid YAML: ${firstLine(error)}; fix the file`);
  }
  const parsed = settingsSchema().safeParse(value);
  if (!parsed.success) throw new UserError(`${shown}: ${issueText(parsed.error)}; fix the file`);
  return { file: parsed.data, sha256: createHash('sha256').update(text).digest('hex') };
}

function listsFrom(files: SettingsFile[], origin: string): Lists {
  const specs = new Map<string, ListSpec>();
  for (const file of files) {
    // A list both replaced and added to: the replacement first, then the additions.
    for (const [name, values] of Object.entries(file.replace ?? {})) {
      const known = specs.get(name);
      if (!known) throw new UserError(`${origin}: cannot replace the unknown list '${name}'`);
      specs.set(name, { type: known.type, values });
    }
    for (const [name, entry] of Object.entries(file.lists ?? {})) {
      const known = specs.get(name);
      if (Array.isArray(entry)) {
        if (!known) throw new UserError(`${origin}: list '${name}' is unknown; give its type`);
        specs.set(name, { type: known.type, values: [...known.values, ...entry] });
      } else {
        const values = known && known.type === entry.type ? known.values : [];
        specs.set(name, { type: entry.type, values: [...values, ...entry.values] });
      }
    }
  }
  try {
    return new Lists(specs);
  } catch (error) {
    throw new UserError(`${origin}: ${firstLine(error)}; fix the list`);
  }
}

/** Example: "lists.cluster-ranges.0: expected string, received number". */
function issueText(error: Zod.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'not a stowaway configuration';
  const where = issue.path.map(String).join('.') || '(top level)';
  return `${where}: ${issue.message}`;
}

/** Example: "Nested mappings are not allowed at line 1, column 9" (no trailing colon). */
function firstLine(error: unknown): string {
  const line = String(error instanceof Error ? error.message : error).split('\n')[0]!;
  return line.replace(/:\s*$/, '');
}
