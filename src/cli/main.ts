import { Command, CommanderError, Option } from 'commander';
import { SEVERITIES, type Severity } from '../model/severity.js';
import { FORMAT_NAMES } from '../report/writers.js';
import { describe, REPORT_BUG, UserError } from '../util/errors.js';
import { analyze } from './analyze.js';
import { EXIT } from './exit.js';
import { formats } from './formats.js';
import type { Io } from './io.js';
import { Logger, type Verbosity } from './log.js';
import { listRules, showRule, testRules } from './rules.js';
import { timeline } from './timeline.js';
import { packageVersion } from './version.js';

interface Common {
  quiet?: boolean;
  verbose?: boolean;
}

/**
 * Runs the command line and returns the exit code; only bin/ exits. Every
 * command's outcome funnels through here, so exit codes have one source.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  let log = new Logger(io, 'normal');
  const program = buildProgram(io, async (verbosity, action) => {
    log = new Logger(io, verbosity);
    code = await action(log);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    return failure(error, log);
  }
}

type Action = (log: Logger) => Promise<number>;
type Runner = (verbosity: Verbosity, action: Action) => Promise<void>;

function failure(error: unknown, log: Logger): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof UserError) {
    log.error(error.message);
    return EXIT.usage;
  }
  log.error(`internal error: ${describe(error)}; ${REPORT_BUG}`);
  if (log.verbosity === 'verbose' && error instanceof Error && error.stack) log.error(error.stack);
  return EXIT.internal;
}

function verbosityOf(opts: Common): Verbosity {
  if (opts.quiet) return 'quiet';
  return opts.verbose ? 'verbose' : 'normal';
}

function buildProgram(io: Io, runner: Runner): Command {
  const program = new Command('stowaway')
    .description('Find containers used to hide from security monitoring, in exported evidence.')
    .version(packageVersion())
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  program.addHelpText(
    'after',
    `
Examples:
  stowaway analyze ./evidence                      ranked findings for a folder of exports
  stowaway analyze ./evidence --format json -o report.json
  stowaway formats                                 what stowaway reads, and how to export it
  stowaway rules show container-privileged         one rule's detection strategy`,
  );
  addAnalyze(program, runner, io);
  addTimeline(program, runner, io);
  addFormats(program, runner, io);
  addRules(program, runner, io);
  return program;
}

function withVerbosity(cmd: Command): Command {
  return cmd
    .option('-q, --quiet', 'print errors only on stderr')
    .option('-v, --verbose', 'print every located warning and more detail on stderr')
    .exitOverride();
}

function addAnalyze(program: Command, runner: Runner, io: Io): void {
  const cmd = program
    .command('analyze')
    .description('read evidence and print ranked findings')
    .argument('[paths...]', PATHS_HELP)
    .addOption(
      new Option('-f, --format <format>', 'report format (default: json for -o *.json, else table)')
        .choices(FORMAT_NAMES)
        .default('table'),
    )
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--force', 'overwrite the --output file if it exists', false)
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this').choices(
        SEVERITIES,
      ),
    )
    .addOption(
      new Option('--min-severity <severity>', 'list findings at or above this')
        .choices(SEVERITIES)
        .default('info'),
    )
    .option('--intel <file>', 'IP/CIDR list of known-malicious addresses (repeatable)', collect, [])
    .option('-c, --config <file>', 'lists and allowlists (default: ./stowaway.yaml if present)')
    .addHelpText(
      'after',
      `
Examples:
  stowaway analyze ./evidence
  stowaway analyze inspect.json events.ndjson --format json -o report.json
  kubectl get pods -A -o json | stowaway analyze - --fail-on high
  stowaway analyze flows.csv --intel blocklist.txt`,
    );
  withVerbosity(cmd).action(async (paths: string[], opts: Record<string, unknown> & Common) => {
    const output = opts.output as string | undefined;
    const chosen = cmd.getOptionValueSource('format') !== 'default';
    const format = chosen ? (opts.format as string) : formatForOutput(output);
    await runner(verbosityOf(opts), (log) =>
      analyze(
        paths,
        {
          format,
          output,
          force: opts.force === true,
          failOn: opts.failOn as Severity | undefined,
          minSeverity: opts.minSeverity as Severity,
          intel: opts.intel as string[],
          config: opts.config as string | undefined,
        },
        io,
        log,
      ),
    );
  });
}

function addTimeline(program: Command, runner: Runner, io: Io): void {
  const cmd = program
    .command('timeline')
    .description('print every normalized observation in time order')
    .argument('[paths...]', PATHS_HELP)
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json'])
        .default('table'),
    )
    .addHelpText('after', '\nExamples:\n  stowaway timeline ./evidence --format json | jq .kind');
  withVerbosity(cmd).action(
    async (paths: string[], opts: { format: 'json' | 'table' } & Common) => {
      await runner(verbosityOf(opts), (log) => timeline(paths, { format: opts.format }, io, log));
    },
  );
}

function addFormats(program: Command, runner: Runner, io: Io): void {
  program
    .command('formats')
    .description('list the evidence formats stowaway reads and how to export them')
    .option('--format <format>', 'table or json', 'table')
    .exitOverride()
    .action(async (opts: { format: string }) => {
      await runner('normal', async () => formats(io, opts.format === 'json'));
    });
}

function addRules(program: Command, runner: Runner, io: Io): void {
  const rules = program.command('rules').description("the rule pack and each rule's ADS card");
  rules
    .command('list')
    .description('list every rule: id, severity, ATT&CK, data sources')
    .option('--format <format>', 'table or json', 'table')
    .exitOverride()
    .action(async (opts: { format: string }) => {
      await runner('normal', async () => listRules(io, opts.format === 'json'));
    });
  rules
    .command('show')
    .description("print a rule's ADS card")
    .argument('<id>', 'rule id, as `rules list` prints it')
    .option('--format <format>', 'text or json', 'text')
    .exitOverride()
    .action(async (id: string, opts: { format: string }) => {
      await runner('normal', async () => showRule(io, id, opts.format === 'json'));
    });
  rules
    .command('test')
    .description('replay every rule against its own positive and negative fixtures')
    .argument('[ids...]', 'rule ids to test (default: all)')
    .option('--format <format>', 'text or json', 'text')
    .exitOverride()
    .action(async (ids: string[], opts: { format: string }) => {
      await runner('normal', () => testRules(io, ids, opts.format === 'json'));
    });
}

const PATHS_HELP = 'files, folders (read recursively) or - for stdin (default: the current folder)';

/** A report written to a .json file is JSON unless --format says otherwise. */
function formatForOutput(output: string | undefined): string {
  return output && /\.json$/i.test(output) ? 'json' : 'table';
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
