import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { ruleFileSchema, type RuleFile } from './card-schema.js';

/** A validated rule file and where it came from, relative to the rules folder. */
export interface PackEntry {
  path: string;
  file: RuleFile;
}

/**
 * Reads and validates every rule file under `dir`. The build runs this and
 * stores the result as pack.json, so a normal run parses no YAML.
 */
export function readRuleFiles(dir: string): PackEntry[] {
  return ruleFiles(dir).map((path) => {
    const shown = relative(dir, path).split(sep).join('/');
    return { path: shown, file: readRuleFile(path, shown) };
  });
}

function readRuleFile(path: string, shown: string): RuleFile {
  const parsed = ruleFileSchema().safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`rule file ${shown}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const expected = shown
    .split('/')
    .pop()!
    .replace(/\.yaml$/, '');
  if (parsed.data.id !== expected) {
    const id = parsed.data.id;
    throw new Error(`rule file ${shown} declares id '${id}'; name it ${id}.yaml`);
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
