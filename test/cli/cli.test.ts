import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/report/document.js';
import { PROJECT, runCli } from '../helpers/cli.js';

const DEMO = join(PROJECT, 'fixtures/demo');
const INTEL = join(PROJECT, 'fixtures/intel/demo-blocklist.txt');
const tmp = mkdtempSync(join(tmpdir(), 'stowaway-cli-'));

describe('exit codes', () => {
  it.each([
    { name: 'help', args: ['--help'], code: 0, out: /Usage: stowaway/ },
    { name: 'version', args: ['--version'], code: 0, out: /^\d+\.\d+\.\d+/ },
    {
      name: 'demo',
      args: ['analyze', DEMO, '--format', 'json'],
      code: 0,
      out: /"schemaVersion": 1/,
    },
    {
      name: 'fail-on high',
      args: ['analyze', DEMO, '--fail-on', 'high', '--format', 'json'],
      code: 1,
      out: /findings/,
    },
    {
      name: 'fail-on in table format',
      args: ['analyze', DEMO, '--fail-on', 'high'],
      code: 1,
      out: /Ranked entities/,
    },
    {
      name: 'unknown format',
      args: ['analyze', DEMO, '--format', 'xml'],
      code: 2,
      err: /Allowed choices are table, json/,
    },
    {
      name: 'misspelt option',
      args: ['analyze', '--formt', 'json'],
      code: 2,
      err: /Did you mean --format\?/,
    },
    {
      name: 'missing path',
      args: ['analyze', join(tmp, 'nope')],
      code: 2,
      err: /no such file or folder/,
    },
    { name: 'unknown rule', args: ['rules', 'show', 'nope'], code: 2, err: /rules list/ },
    {
      name: 'fail-on counting findings hidden by min-severity',
      args: [
        'analyze',
        join(DEMO, 'docker/events.ndjson'),
        '--fail-on',
        'medium',
        '--min-severity',
        'critical',
      ],
      code: 1,
      err: /below --min-severity and not listed/,
    },
  ])('$name exits $code', async ({ args, code, out, err }) => {
    const result = await runCli(args);
    expect(result.code).toBe(code);
    if (out) expect(result.stdout).toMatch(out);
    if (err) expect(result.stderr).toMatch(err);
  });

  it('says there is no readable evidence in a folder of text notes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stowaway-notes-'));
    writeFileSync(join(dir, 'notes.txt'), 'nothing to see\n');
    const result = await runCli(['analyze', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no readable evidence/);
    expect(result.stdout).toBe('');
  });
});

describe('--output', () => {
  it('writes the report to the file and refuses to overwrite it without --force', async () => {
    const file = join(tmp, 'report.json');
    const first = await runCli(['analyze', DEMO, '--format', 'json', '-o', file]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe(1);
    const again = await runCli(['analyze', DEMO, '--format', 'json', '-o', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists.*--force/);
    const forced = await runCli(['analyze', DEMO, '--format', 'json', '-o', file, '--force']);
    expect(forced.code).toBe(0);
  });
});

describe('output and intel mistakes', () => {
  it('writes JSON to a .json output unless --format says otherwise', async () => {
    const file = join(tmp, 'auto.json');
    expect((await runCli(['analyze', DEMO, '-o', file])).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe(1);
  });

  it('says an --output folder needs a file name', async () => {
    const result = await runCli(['analyze', DEMO, '-o', tmp, '--force']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is a folder; give --output a file name/);
  });

  it('refuses an --intel file with no address in it', async () => {
    const file = join(tmp, 'empty-intel.txt');
    writeFileSync(file, '# nothing here\nnot-an-address\n');
    const result = await runCli(['analyze', DEMO, '--intel', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 2/);
    expect(result.stderr).toMatch(/no address or network in/);
  });

  it('names the reason when nothing is readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stowaway-junk-'));
    writeFileSync(join(dir, 'junk.json'), Buffer.from([0, 1, 2, 3]));
    const result = await runCli(['analyze', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/junk\.json: binary data/);
  });
});

describe('the demo bundle', () => {
  it('triggers every built-in detection family', async () => {
    const result = await runCli(['analyze', DEMO, '--intel', INTEL, '--format', 'json']);
    const report = JSON.parse(result.stdout) as ReportDocument;
    const rules = new Set(report.findings.map((f) => f.rule));
    for (const rule of [
      'container-privileged',
      'container-host-namespaces',
      'container-sensitive-mount',
      'container-dangerous-capabilities',
      'container-security-profile-disabled',
      'container-logging-disabled',
      'image-logging-disabled',
      'image-ld-preload',
      'image-setuid-added',
      'image-miner-or-tool',
      'container-miner-or-tool',
      'container-exec',
      'network-intel-address',
      'container-restart-storm',
      'image-secret-in-config',
    ]) {
      expect(rules, rule).toContain(rule);
    }
    expect(report.skipped).toEqual([]);
  });

  it('gives the same bytes on every run', async () => {
    const a = await runCli(['analyze', DEMO, '--intel', INTEL, '--format', 'json']);
    const b = await runCli(['analyze', DEMO, '--intel', INTEL, '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('lists only findings at or above --min-severity', async () => {
    const result = await runCli(['analyze', DEMO, '--format', 'json', '--min-severity', 'high']);
    const report = JSON.parse(result.stdout) as ReportDocument;
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.severity === 'high' || f.severity === 'critical')).toBe(
      true,
    );
    expect(report.summary.bySeverity.medium).toBe(0);
  });
});

describe('hostile strings', () => {
  const evil = 'x\u001b]0;pwned\u0007\u001b[2J\u202e';
  const events = [
    {
      status: 'start',
      id: 'ab'.repeat(32),
      from: 'img',
      Type: 'container',
      Action: 'exec_create: cat /etc/shadow',
      Actor: { ID: 'ab'.repeat(32), Attributes: { name: evil, image: 'img' } },
      time: 1796029201,
    },
  ];

  it.each([
    { name: 'plain pipe', tty: false, env: {} },
    { name: 'terminal', tty: true, env: {} },
    { name: 'terminal with NO_COLOR', tty: true, env: { NO_COLOR: '1' } },
  ])('never reach the $name', async ({ tty, env }) => {
    const file = join(tmp, `evil-${tty}-${Object.keys(env).length}.ndjson`);
    writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const result = await runCli(['analyze', file], { tty, env });
    expect(result.code).toBe(0);
    const raw = result.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(raw).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(raw).toContain('\\x1b');
    if (!tty || env.NO_COLOR) expect(result.stdout).not.toContain('\u001b');
  });
});

describe('standard input', () => {
  it.each([
    { name: 'a terminal gets a hint', stdinTty: true, hint: true },
    { name: 'a pipe gets none', stdinTty: false, hint: false },
  ])('$name', async ({ stdinTty, hint }) => {
    const result = await runCli(['analyze', '-'], { stdin: '', stdinTty });
    expect(result.stderr.includes('reading evidence from standard input')).toBe(hint);
  });
});

describe('progress', () => {
  it.each([
    { name: 'drawn on a terminal', args: [], stderrTty: true, drawn: true },
    { name: 'not with --quiet', args: ['--quiet'], stderrTty: true, drawn: false },
    { name: 'not into a pipe', args: [], stderrTty: false, drawn: false },
  ])('is $name', async ({ args, stderrTty, drawn }) => {
    const result = await runCli(['analyze', DEMO, '--format', 'json', ...args], { stderrTty });
    expect(result.stderr.includes('reading evidence')).toBe(drawn);
    expect(JSON.parse(result.stdout).schemaVersion).toBe(1);
  });
});

describe('rules', () => {
  it('lists every rule with its card fields as JSON', async () => {
    const result = await runCli(['rules', 'list', '--format', 'json']);
    const rules = JSON.parse(result.stdout) as {
      id: string;
      attack: string[];
      sources: string[];
    }[];
    expect(rules.length).toBeGreaterThanOrEqual(60);
    for (const r of rules) {
      expect(r.id).toMatch(/^[a-z0-9-]+$/);
      expect(r.attack.length).toBeGreaterThan(0);
    }
  });

  it('shows a rule card in words', async () => {
    const result = await runCli(['rules', 'show', 'container-privileged']);
    expect(result.stdout).toMatch(/Goal\n/);
    expect(result.stdout).toMatch(/Blind spots\n/);
    expect(result.stdout).toMatch(/Response\n/);
    expect(result.stdout).toMatch(/fires on fixtures\/rules\/container-privileged\//);
    expect(result.stdout).toMatch(/stays quiet on fixtures\/rules\/container-privileged\//);
    // Folded to the terminal's width (120 columns in these runs), words kept whole.
    const widest = Math.max(...result.stdout.split('\n').map((l) => l.length));
    expect(widest).toBeLessThanOrEqual(120);
  });

  it('tests the rules named against their own fixtures', async () => {
    const result = await runCli(['rules', 'test', 'k8s-cluster-admin-binding', 'container-exec']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok +k8s-cluster-admin-binding +positive /m);
    expect(result.stdout).toMatch(/2 rules, \d+ fixtures, 0 failed\n$/);
  });

  it('refuses to test a rule it does not have', async () => {
    const result = await runCli(['rules', 'test', 'no-such-rule']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no rule 'no-such-rule'/);
  });
});

describe('timeline', () => {
  it('prints observations as JSON lines, dated in order and undated last', async () => {
    const result = await runCli(['timeline', DEMO, '--format', 'json']);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { time: string | null; kind: string; source: { path: string } });
    expect(lines.length).toBeGreaterThan(20);
    const times = lines.map((l) => l.time);
    const firstUndated = times.indexOf(null);
    const dated = (firstUndated < 0 ? times : times.slice(0, firstUndated)) as string[];
    const ms = dated.map((t) => Date.parse(t));
    expect([...ms].sort((a, b) => a - b)).toEqual(ms);
    if (firstUndated >= 0) expect(times.slice(firstUndated).every((t) => t === null)).toBe(true);
    for (const l of lines) expect(l).not.toHaveProperty('ts');
  });
});

describe('--config', () => {
  /** A folder holding one inspect export of a privileged container from `image`. */
  function evidenceWith(image: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'stowaway-config-'));
    const container = {
      Id: 'b'.repeat(64),
      Name: '/node-agent',
      Config: { Image: image, Cmd: ['agent'] },
      State: { Status: 'running', StartedAt: '2026-01-02T03:04:05Z' },
      HostConfig: { Privileged: true },
    };
    writeFileSync(join(dir, 'inspect.json'), JSON.stringify([container]));
    return dir;
  }

  function configFile(text: string): string {
    const path = join(mkdtempSync(join(tmpdir(), 'stowaway-yaml-')), 'stowaway.yaml');
    writeFileSync(path, text);
    return path;
  }

  async function privilegedFindings(args: string[]): Promise<number> {
    const result = await runCli(['analyze', ...args, '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as ReportDocument;
    return report.findings.filter((f) => f.rule === 'container-privileged').length;
  }

  it('trusts the images a stowaway.yaml names', async () => {
    const evidence = evidenceWith('corp.example/agents/node-agent:3.1');
    expect(await privilegedFindings([evidence])).toBe(1);
    const trusted = configFile('lists:\n  trusted-privileged-images: [corp.example/agents/*]\n');
    expect(await privilegedFindings([evidence, '--config', trusted])).toBe(0);
  });

  it('names the configuration it applied in the report and on stderr', async () => {
    const config = configFile('lists:\n  trusted-registries: [registry.corp.example]\n');
    const result = await runCli([
      'analyze',
      evidenceWith('nginx'),
      '--config',
      config,
      '-f',
      'json',
    ]);
    const report = JSON.parse(result.stdout) as ReportDocument;
    expect(report.tool.config).toEqual({
      path: config,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(result.stderr).toContain(`lists and allowlists from ${config}`);
    const plain = await runCli(['analyze', evidenceWith('nginx'), '-f', 'json']);
    expect((JSON.parse(plain.stdout) as ReportDocument).tool.config).toBeUndefined();
  });

  it('stops on a configuration it cannot use, saying what to fix', async () => {
    const bad = configFile('lists:\n  cluster-ranges: [10.0.0.0/99]\n');
    const result = await runCli(['analyze', evidenceWith('nginx'), '--config', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not an IP address or CIDR.*fix the list/);
    expect(result.stdout).toBe('');
  });
});
