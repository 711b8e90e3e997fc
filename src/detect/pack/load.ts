import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdsCard, Rule, RuleLogic } from '../rule.js';
import type { RuleFile } from './card-schema.js';
import { dataRule } from './data-rule.js';
import { readRuleFiles, type PackEntry } from './files.js';

/** Where the rule files are, one folder per data source. */
export const RULES_DIR = fileURLToPath(new URL('../rules/', import.meta.url));

/** The rule files as the build validated them, beside the compiled rules. */
export const COMPILED_PACK = 'pack.json';

/**
 * The rule pack: every rule file, each a data rule or the card of
 * TypeScript logic registered under its id. The build's pack.json is read
 * when present; from source, the YAML files themselves. A broken pack is a
 * bug in stowaway, so it throws with the file to fix.
 */
export function loadPack(logic: readonly RuleLogic[], dir: string = RULES_DIR): Rule[] {
  const compiled = join(dir, COMPILED_PACK);
  const entries: PackEntry[] = existsSync(compiled)
    ? (JSON.parse(readFileSync(compiled, 'utf8')) as PackEntry[])
    : readRuleFiles(dir);
  if (entries.length === 0) throw new Error(`no rule files under ${dir}`);
  const byId = new Map(logic.map((l) => [l.id, l]));
  if (byId.size !== logic.length) throw new Error('two rule logics share an id');
  const rules: Rule[] = [];
  const seen = new Set<string>();
  for (const { path, file } of entries) {
    if (seen.has(file.id)) throw new Error(`rule id '${file.id}' is used twice (${path})`);
    seen.add(file.id);
    rules.push(ruleOf(file, byId.get(file.id), path));
    byId.delete(file.id);
  }
  const orphan = [...byId.keys()][0];
  if (orphan !== undefined) throw new Error(`rule logic '${orphan}' has no rule file`);
  return rules.sort((a, b) => (a.card.id < b.card.id ? -1 : 1));
}

function ruleOf(file: RuleFile, logic: RuleLogic | undefined, path: string): Rule {
  const card = cardOf(file);
  if (file.when !== undefined) {
    if (logic) throw new Error(`${path} is a data rule but logic is registered for it too`);
    return dataRule(file, card);
  }
  if (!logic) throw new Error(`${path} has no condition and no logic registered as '${file.id}'`);
  return { card, kinds: logic.kinds, create: logic.create };
}

function cardOf(file: RuleFile): AdsCard {
  const { kinds: _k, when: _w, requires: _r, emit: _e, ...card } = file;
  return card;
}
