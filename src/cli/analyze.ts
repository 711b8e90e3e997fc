import { rulePack } from '../detect/registry.js';
import { runDetection } from '../detect/run.js';
import type { Settings } from '../detect/settings.js';
import { buildFindings } from '../findings/build.js';
import type { Finding } from '../findings/finding.js';
import { rank } from '../findings/rank.js';
import { formatIntelWarning, loadIntel } from '../intel/load.js';
import { atLeast, type Severity } from '../model/severity.js';
import type { InputSet } from '../readers/inputs.js';
import { buildReport } from '../report/build.js';
import { loadSettings } from '../settings/load.js';
import { WRITERS } from '../report/writers.js';
import { plural } from '../util/text.js';
import { UserError } from '../util/errors.js';
import { EXIT, exitCodeFor } from './exit.js';
import { useColor, type Io } from './io.js';
import type { Logger } from './log.js';
import { writeReport } from './output.js';
import { showProgress } from './progress.js';
import { packageVersion } from './version.js';
import { openEvidenceFor, reportInputProblems } from './warnings.js';

export interface AnalyzeOptions {
  format: string;
  output?: string;
  force: boolean;
  failOn?: Severity;
  minSeverity: Severity;
  intel: string[];
  /** A stowaway.yaml to apply over the shipped lists. */
  config?: string;
}

/** `stowaway analyze`: evidence → readers → replay → detect → rank → report. */
export async function analyze(
  paths: string[],
  opts: AnalyzeOptions,
  io: Io,
  log: Logger,
): Promise<number> {
  // 1. Evidence: expand paths, open, hash and sniff every file.
  const loaded = await loadSettings(opts.config, process.cwd());
  // Said every time: a stowaway.yaml in the current folder applies without being asked for.
  if (loaded.configPath) log.info('settings', `lists and allowlists from ${loaded.configPath}`);
  const intel = await intelFrom([...opts.intel, ...loaded.intel], log);
  const settings: Settings = { intel, lists: loaded.lists };
  const rules = rulePack();
  const { files, inputs } = await openEvidenceFor(paths, io, log);

  // 2. Readers, replay and rules: one pass over every observation.
  const hideProgress = await showProgress(io, log.verbosity, files, inputs);
  const detection = await runDetection(inputs, rules, settings).finally(hideProgress);
  for (const failure of detection.ruleFailures) log.error(failure);
  reportInputProblems(inputs, log);
  if (inputs.read.length === 0) return noEvidence(paths, inputs, log);

  // 3. Findings: attach to entities, merge, score and rank.
  const names = detection.resolver;
  const entities = names.describe(detection.hits.map((h) => names.resolve(h.hit.subject)));
  const displayName = (id: string): string => entities.get(id)?.names[0] ?? id;
  const findings = buildFindings(detection.hits, names, displayName);
  const ranking = rank(findings, entities);

  // 4. Report, then the exit code.
  const config =
    loaded.configPath && loaded.configSha256
      ? { path: loaded.configPath, sha256: loaded.configSha256 }
      : null;
  const meta = {
    version: packageVersion(),
    rules: rules.length,
    minSeverity: opts.minSeverity,
    config,
  };
  const report = buildReport(inputs, ranking, detection.notEvaluable, meta);
  const writer = WRITERS.get(opts.format)!;
  const color = useColor(io, Boolean(opts.output && opts.output !== '-'));
  const width = io.stdout.columns ?? 120;
  await writeReport(writer(report, { color, width }), io, opts.output, opts.force);
  log.debug('report', `${detection.observations} observations, ${findings.length} findings`);
  return exitCode(findings, opts, log);
}

/** The exit code, and a word when --min-severity hides what --fail-on counted. */
function exitCode(findings: Finding[], opts: AnalyzeOptions, log: Logger): number {
  const severities = findings.map((f) => f.severity);
  const failOn = opts.failOn;
  const hidden = severities.filter((s) => !atLeast(s, opts.minSeverity));
  if (failOn && hidden.some((s) => atLeast(s, failOn))) {
    log.warn(
      'report',
      `findings at or above --fail-on ${failOn} are below --min-severity and not listed`,
    );
  }
  return exitCodeFor(severities, failOn);
}

async function intelFrom(paths: string[], log: Logger): Promise<Settings['intel']> {
  if (paths.length === 0) return null;
  const intel = await loadIntel(paths);
  for (const warning of intel.warnings) log.warn('intel', formatIntelWarning(warning));
  if (intel.size === 0) {
    throw new UserError(
      `no address or network in ${paths.join(', ')}; give --intel a list of IPs or CIDRs, one a line`,
    );
  }
  log.debug('intel', `${intel.size} entries from ${intel.feeds.length} feeds`);
  return intel;
}

/** How many skip reasons the error lists before counting the rest. */
const REASONS_LISTED = 10;

function noEvidence(paths: string[], inputs: InputSet, log: Logger): number {
  const where = paths.length > 0 ? paths.join(' ') : '.';
  const skipped = [...inputs.skipped].sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const s of skipped.slice(0, REASONS_LISTED))
    log.warn('evidence', `skipped ${s.path}: ${s.reason}`);
  if (skipped.length > REASONS_LISTED) {
    log.warn('evidence', `and ${skipped.length - REASONS_LISTED} more skipped`);
  }
  log.error(
    `no readable evidence in ${where} (${plural(skipped.length, 'file')} skipped); ` +
      'run `stowaway formats` to see what stowaway reads',
  );
  return EXIT.usage;
}
