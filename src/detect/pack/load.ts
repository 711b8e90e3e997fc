import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import type { AdsCard, Rule, RuleLogic } from '../rule.js';
import { ruleFile, type RuleFile } from './card-schema.js';
import { dataRule } from './data-rule.js';

/** Where the rule files are, one folder per data source. */
const RULES_DIR = fileURLToPath(new URL('../rules/', import.meta.url));

/**
 * The rule pack: every rule file under rules/, each a data rule or the card
 * of TypeScript logic registered under its id. A broken pack is a bug in
 * stowaway, so it throws with the file to fix.
 */
export function loadPack(logic: readonly RuleLogic[], dir: string = RULES_DIR): Rule[] {
  const byId = new Map(logic.map((l) => [l.id, l]));
  if (byId.size !== logic.length) throw new Error('two rule logics share an id');
  const rules: Rule[] = [];
  const seen = new Set<string>();
  for (const path of ruleFiles(dir)) {
    const file = readRuleFile(path, dir);
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

function readRuleFile(path: string, dir: string): RuleFile {
  const shown = relative(dir, path).split(sep).join('/');
  const parsed = ruleFile.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`rule file ${shown}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const expected = shown.split('/').pop()!.replace(/\.yaml$/, '');
  if (parsed.data.id !== expected) {
    throw new Error(`rule file ${shown} declares id '${parsed.data.id}'; name it ${parsed.data.id}.yaml`);
  }
  return parsed.data;
}

/** Rule files in a stable order, whatever the file system returns. */
function ruleFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...ruleFiles(path));
    else if (entry.name.endsWith('.yaml')) out.push(path);
  }
  return out.sort();
}
