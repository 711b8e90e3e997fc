import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { expandPaths } from '../evidence/paths.js';
import { loadIntel } from '../intel/load.js';
import { openInputs } from '../readers/inputs.js';
import { CONFIG_NAME, defaultLists, loadSettings } from '../settings/load.js';
import type { Rule } from './rule.js';
import { runDetection } from './run.js';
import type { Settings } from './settings.js';

/** Fixture paths in rule cards are relative to the package. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface FixtureResult {
  rule: string;
  expect: 'positive' | 'negative';
  fixture: string;
  hits: number;
  /** Why the fixture failed; absent when it passed. */
  problem?: string;
}

/**
 * Replays a rule's own validation fixtures through the whole pipeline with
 * that rule alone: each positive must make it fire, each negative must not.
 * A fixture folder may hold a stowaway.yaml (lists, intel feeds) that
 * applies to it; the files that configuration names are not evidence.
 */
export async function testRule(rule: Rule, root: string = PACKAGE_ROOT): Promise<FixtureResult[]> {
  const results: FixtureResult[] = [];
  for (const expect of ['positive', 'negative'] as const) {
    for (const fixture of rule.card.validation[expect]) {
      results.push(await testFixture(rule, expect, fixture, root));
    }
  }
  return results;
}

async function testFixture(
  rule: Rule,
  expect: 'positive' | 'negative',
  fixture: string,
  root: string,
): Promise<FixtureResult> {
  const result: FixtureResult = { rule: rule.card.id, expect, fixture, hits: 0 };
  const path = join(root, fixture);
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return { ...result, problem: 'fixture not found' };
  }
  const { settings, exclude } = await fixtureSettings(isDir ? path : null);
  const files = (await expandPaths([path])).filter((f) => !exclude.has(f.path));
  const inputs = await openInputs(files, () => undefined);
  const detection = await runDetection(inputs, [rule], settings);
  if (inputs.read.length === 0) return { ...result, problem: 'no reader recognized the fixture' };
  const bad = inputs.read.reduce((n, input) => n + input.stats.skipped, 0);
  // A fixture with broken records tests less than it seems: a negative may pass by them.
  if (bad > 0) return { ...result, problem: `${bad} records of the fixture could not be read` };
  result.hits = detection.hits.length;
  if (detection.ruleFailures.length > 0) return { ...result, problem: detection.ruleFailures[0]! };
  if (expect === 'positive' && result.hits === 0)
    return { ...result, problem: 'rule did not fire' };
  if (expect === 'negative' && result.hits > 0) {
    return { ...result, problem: `rule fired: ${detection.hits[0]!.hit.summary}` };
  }
  return result;
}

async function fixtureSettings(dir: string | null) {
  const exclude = new Set<string>();
  const hasConfig = dir !== null && readdirSync(dir).includes(CONFIG_NAME);
  if (!hasConfig) return { settings: { intel: null, lists: defaultLists() }, exclude };
  const loaded = await loadSettings(CONFIG_NAME, dir);
  const intelPaths = loaded.intel.map((feed) => join(dir, feed));
  exclude.add(join(dir, CONFIG_NAME));
  for (const feed of intelPaths) exclude.add(feed);
  const intel = intelPaths.length > 0 ? await loadIntel(intelPaths) : null;
  const settings: Settings = { intel, lists: loaded.lists };
  return { settings, exclude };
}
