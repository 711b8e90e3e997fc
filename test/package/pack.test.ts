import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/cli.js';

/**
 * The packed tarball must run on a machine that has nothing but Node and
 * npm: a fresh npm cache stands in for that machine.
 */
describe('npm pack', () => {
  it('gives a tarball that npx runs on the demo evidence', () => {
    const work = mkdtempSync(join(tmpdir(), 'stowaway-pack-'));
    const env = { ...process.env, npm_config_cache: join(work, 'cache'), NO_COLOR: '1' };
    execFileSync('npm', ['pack', '--pack-destination', work], { cwd: PROJECT, env, stdio: 'pipe' });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tarball).toMatch(/^stowaway-\d+\.\d+\.\d+\.tgz$/);
    const out = execFileSync(
      'npx',
      ['--yes', `./${tarball}`, 'analyze', join(PROJECT, 'fixtures/demo'), '--format', 'json'],
      { cwd: work, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const report = JSON.parse(out) as { tool: { name: string }; findings: unknown[] };
    expect(report.tool.name).toBe('stowaway');
    expect(report.findings.length).toBeGreaterThan(10);
    // The rule files and their fixtures ship too: the self-test runs from the tarball.
    const selfTest = execFileSync(
      'npx',
      ['--yes', `./${tarball}`, 'rules', 'test', 'container-runtime-socket-mount'],
      { cwd: work, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(selfTest).toMatch(/1 rules, 2 fixtures, 0 failed/);
  }, 180_000);
});
