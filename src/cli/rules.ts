import { findRule, rulePack } from '../detect/registry.js';
import type { AdsCard, Rule } from '../detect/rule.js';
import { testRule, type FixtureResult } from '../detect/selftest.js';
import { UserError } from '../util/errors.js';
import { EXIT } from './exit.js';
import type { Io } from './io.js';

/** `stowaway rules list`: id, severity, ATT&CK and data sources of every rule. */
export function listRules(io: Io, json: boolean): number {
  const rows = rulePack().map((r) => ({
    id: r.card.id,
    severity: r.card.severity,
    attack: r.card.attack,
    sources: r.kinds,
    title: r.card.title,
  }));
  if (json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  const table = [
    ['ID', 'SEVERITY', 'ATT&CK', 'SOURCES', 'TITLE'],
    ...rows.map((r) => [r.id, r.severity, r.attack.join(','), r.sources.join(','), r.title]),
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const row of table) {
    const padded = row.map((cell, c) => (c < 4 ? cell.padEnd(widths[c]!) : cell));
    io.stdout.write(`${padded.join('  ')}\n`);
  }
  return EXIT.ok;
}

/** `stowaway rules show ID`: the rule's ADS card, readable in a terminal. */
export function showRule(io: Io, id: string, json: boolean): number {
  const rule = findRule(id);
  if (!rule) throw new UserError(`no rule '${id}'; run \`stowaway rules list\` to see the ids`);
  const card = { ...rule.card, sources: rule.kinds };
  const width = Math.max(60, Math.min(io.stdout.columns ?? 100, 120));
  io.stdout.write(json ? `${JSON.stringify(card, null, 2)}\n` : cardText(rule.card, rule, width));
  return EXIT.ok;
}

function cardText(card: AdsCard, rule: Rule, width: number): string {
  const list = (items: string[]): string =>
    items.map((i) => wrap(i, width, '  - ', '    ')).join('\n');
  const fixtures = [
    ...card.validation.positive.map((f) => `fires on ${f}`),
    ...card.validation.negative.map((f) => `stays quiet on ${f}`),
  ];
  return [
    `${card.id}: ${card.title}`,
    `severity ${card.severity}, confidence ${card.confidence}, ATT&CK ${card.attack.join(', ')}`,
    `reads ${rule.kinds.join(', ')} observations`,
    '',
    `Goal\n${wrap(card.goal, width, '  ', '  ')}`,
    `Strategy\n${wrap(card.strategy, width, '  ', '  ')}`,
    `Data sources\n${list(card.dataSources)}`,
    `Blind spots\n${list(card.blindSpots)}`,
    `False positives\n${list(card.falsePositives)}`,
    `Validation\n${list(fixtures)}`,
    `Response\n${list(card.response.map(placeholders))}`,
    '',
  ].join('\n');
}

/**
 * A paragraph folded at word boundaries to the terminal's width, the first
 * line after `first` and the rest after `rest`. A word longer than the line
 * (a path, a URL) stays whole.
 */
function wrap(text: string, width: number, first: string, rest: string): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

/** Response steps name what a finding fills in: shown as <entity>, not {entity}. */
function placeholders(step: string): string {
  return step.replace(/\{([^{}]+)\}/g, '<$1>');
}

/**
 * `stowaway rules test [ID...]`: every rule (or the ones named) against its
 * own positive and negative fixtures. Exit 1 when one fails.
 */
export async function testRules(io: Io, ids: string[], json: boolean): Promise<number> {
  const rules = ids.length === 0 ? rulePack() : ids.map(ruleById);
  const results: FixtureResult[] = [];
  for (const rule of rules) results.push(...(await testRule(rule)));
  const failed = results.filter((r) => r.problem !== undefined);
  if (json) io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    for (const r of results) {
      const status = r.problem === undefined ? 'ok  ' : 'FAIL';
      const why = r.problem === undefined ? `${r.hits} hits` : r.problem;
      io.stdout.write(`${status}  ${r.rule}  ${r.expect}  ${r.fixture}  (${why})\n`);
    }
    io.stdout.write(`${rules.length} rules, ${results.length} fixtures, ${failed.length} failed\n`);
  }
  return failed.length > 0 ? EXIT.findings : EXIT.ok;
}

function ruleById(id: string): Rule {
  const rule = findRule(id);
  if (!rule) throw new UserError(`no rule '${id}'; run \`stowaway rules list\` to see the ids`);
  return rule;
}
