import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Severity } from '../model/severity.js';
import type { Source } from '../model/source.js';
import type { ReportDocument, ReportEntity, ReportFinding } from './document.js';
import { plural } from '../util/text.js';
import { cell, forTerminal } from './escape.js';
import type { Writer } from './writer.js';

const SEVERITY_STYLE: Record<Severity, (c: ChalkInstance) => ChalkInstance> = {
  critical: (c) => c.bgRed.white.bold,
  high: (c) => c.red.bold,
  medium: (c) => c.yellow,
  low: (c) => c.cyan,
  info: (c) => c.gray,
};

/** Entities listed in the ranking table; the JSON report lists them all. */
const ENTITIES_SHOWN = 15;

/**
 * The default report: entities ranked by risk, then their findings, then
 * what could not be read. Every evidence string passes through `cell`.
 */
export const writeTable: Writer = (report, options) => {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.max(80, options.width);
  const parts = [
    header(report, chalk),
    entityTable(report, chalk, width),
    findingTable(report, chalk, width),
    inputNotes(report, chalk),
  ];
  return [`${parts.filter((p) => p !== '').join('\n\n')}\n`];
};

function header(report: ReportDocument, chalk: ChalkInstance): string {
  const read = report.inputs.length;
  const warned = report.inputs.filter((i) => i.skipped > 0 || i.warnings.length > 0).length;
  const counts = Object.entries(report.summary.bySeverity)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => SEVERITY_STYLE[s as Severity](chalk)(`${n} ${s}`))
    .join(', ');
  return [
    chalk.bold(`${report.tool.name} ${report.tool.version}`) +
      ` · ${report.tool.rules} rules` +
      (report.tool.config ? ` · config ${cell(report.tool.config.path, 80)}` : ''),
    `${plural(read, 'input')} read, ${report.skipped.length} skipped, ${warned} with warnings`,
    `${plural(report.summary.findings, 'finding')}${counts ? `: ${counts}` : ''}`,
  ].join('\n');
}

function entityTable(report: ReportDocument, chalk: ChalkInstance, width: number): string {
  const listed = report.entities.filter((e) => e.score > 0).slice(0, ENTITIES_SHOWN);
  if (listed.length === 0) return 'No entity drew a finding.';
  const whyWidth = width - 4 - 34 - 7 - 10;
  const table = new Table({
    head: ['#', 'entity', 'score', 'why'],
    colWidths: [4, 34, 7, whyWidth],
    wordWrap: true,
    style: { head: options(chalk), border: [] },
  });
  listed.forEach((e, i) => {
    table.push([
      String(i + 1),
      entityLabel(e, 30),
      e.score.toFixed(1),
      cell(e.why.join('; '), 300),
    ]);
  });
  return `${chalk.bold('Ranked entities')}\n${table.toString()}`;
}

function findingTable(report: ReportDocument, chalk: ChalkInstance, width: number): string {
  if (report.findings.length === 0) return '';
  const names = new Map(report.entities.map((e) => [e.id, e]));
  const textWidth = width - 10 - 26 - 30 - 8;
  const table = new Table({
    head: ['severity', 'entity', 'finding', 'evidence'],
    colWidths: [10, 26, textWidth, 30],
    wordWrap: true,
    style: { head: options(chalk), border: [] },
  });
  const shown = report.findings.slice(0, FINDINGS_SHOWN);
  for (const f of shown) table.push(findingRow(f, names.get(f.entity), chalk));
  const rest = report.findings.length - shown.length;
  const more =
    rest > 0 ? `\n${rest} more findings, ranked lower; --format json lists them all` : '';
  return `${chalk.bold('Findings')}\n${table.toString()}${more}`;
}

/**
 * NOTE: a terminal table stops at this many findings, highest ranked first;
 * past it the table is no longer read, and the JSON report has them all.
 */
const FINDINGS_SHOWN = 1000;

function findingRow(
  f: ReportFinding,
  entity: ReportEntity | undefined,
  chalk: ChalkInstance,
): string[] {
  const label = entity ? entityLabel(entity, 22) : cell(f.entity, 22);
  const text = `${chalk.bold(cell(f.title, 120))}\n${cell(f.summary, 400)}`;
  const more = f.evidenceCount > 1 ? `\n(+${f.evidenceCount - 1} more)` : '';
  return [
    SEVERITY_STYLE[f.severity](chalk)(f.severity),
    label,
    `${text}\n${chalk.gray(cell(f.attack.join(' '), 60))}`,
    `${hardWrap(cell(location(f.evidence[0]), 120), 28)}${more}`,
  ];
}

/** Paths have no spaces to wrap at; break them at the column width instead. */
function hardWrap(text: string, width: number): string {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += width) parts.push(text.slice(i, i + width));
  return parts.join('\n');
}

function entityLabel(e: ReportEntity, max: number): string {
  return `${cell(e.names[0] ?? e.id, max)}\n(${e.kind})`;
}

export function location(s: Source | undefined): string {
  if (!s) return '';
  if (s.line !== undefined) return `${s.path}:${s.line}`;
  const layer = s.layer !== undefined ? ` layer ${s.layer}` : '';
  return `${s.path}!${s.member ?? ''}${layer}`;
}

function inputNotes(report: ReportDocument, chalk: ChalkInstance): string {
  const lines: string[] = [];
  for (const s of report.skipped)
    lines.push(`skipped ${forTerminal(s.path)}: ${forTerminal(s.reason)}`);
  for (const input of report.inputs) {
    if (input.skipped === 0 && input.warnings.length === 0) continue;
    const first = input.warnings[0];
    const where =
      first?.line !== undefined ? `:${first.line}` : first?.member ? `!${first.member}` : '';
    const msg = first ? `${where}: ${first.message}` : '';
    const counts = `${plural(input.records, 'record')} read, ${plural(input.skipped, 'bad record')}`;
    lines.push(`${forTerminal(input.path)}: ${counts}${cell(msg, 160)}`);
  }
  if (report.notEvaluable.length > 0) {
    lines.push(
      `${report.notEvaluable.length} rule/input pairs could not be evaluated (see --format json)`,
    );
  }
  return lines.length > 0 ? `${chalk.bold('Inputs')}\n${lines.join('\n')}` : '';
}

function options(chalk: ChalkInstance): string[] {
  return chalk.level > 0 ? ['bold'] : [];
}
