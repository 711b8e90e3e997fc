import { findRule, RULES } from '../detect/registry.js';
import type { AdsCard } from '../detect/rule.js';
import { UserError } from '../util/errors.js';
import type { Io } from './io.js';

/** `stowaway rules list`: id, severity, ATT&CK and data sources of every rule. */
export function listRules(io: Io, json: boolean): number {
  const rows = RULES.map((r) => ({
    id: r.card.id,
    severity: r.card.severity,
    attack: r.card.attack,
    sources: r.kinds,
    title: r.card.title,
  }));
  if (json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const table = [
    ['ID', 'SEVERITY', 'ATT&CK', 'SOURCES'],
    ...rows.map((r) => [r.id, r.severity, r.attack.join(','), r.sources.join(',')]),
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const row of table) {
    const padded = row.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell));
    io.stdout.write(`${padded.join('  ')}\n`);
  }
  return 0;
}

/** `stowaway rules show ID`: the rule's ADS card, readable in a terminal. */
export function showRule(io: Io, id: string, json: boolean): number {
  const rule = findRule(id);
  if (!rule) throw new UserError(`no rule '${id}'; run \`stowaway rules list\` to see the ids`);
  io.stdout.write(json ? `${JSON.stringify(rule.card, null, 2)}\n` : cardText(rule.card));
  return 0;
}

function cardText(card: AdsCard): string {
  const list = (items: string[]): string => items.map((i) => `  - ${i}`).join('\n');
  return [
    `${card.id}: ${card.title}`,
    `severity ${card.severity}, confidence ${card.confidence}, ATT&CK ${card.attack.join(', ')}`,
    '',
    `Goal\n  ${card.goal}`,
    `Strategy\n  ${card.strategy}`,
    `Data sources\n${list(card.dataSources)}`,
    `Blind spots\n${list(card.blindSpots)}`,
    `False positives\n${list(card.falsePositives)}`,
    `Validation\n${list(card.validation)}`,
    `Response\n${list(card.response)}`,
    '',
  ].join('\n');
}
