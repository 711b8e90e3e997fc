import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/report/document.js';
import { evidenceDir, runCli } from '../helpers/cli.js';

const EVIDENCE = evidenceDir();

function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .length;
}

describe.runIf(EVIDENCE)('every lab and real evidence file', () => {
  let report: ReportDocument;
  let stderr: string;

  beforeAll(async () => {
    const args = ['analyze', join(EVIDENCE!, 'lab'), join(EVIDENCE!, 'real'), '--format', 'json'];
    const result = await runCli(args);
    expect(result.code).toBe(0);
    stderr = result.stderr;
    report = JSON.parse(result.stdout) as ReportDocument;
  });

  it('reads each file or skips it with a reason', () => {
    for (const input of report.inputs) expect(input.records, input.path).toBeGreaterThan(0);
    for (const skipped of report.skipped)
      expect(skipped.reason.length, skipped.path).toBeGreaterThan(5);
    expect(report.inputs.length + report.skipped.length).toBe(
      countFiles(join(EVIDENCE!, 'lab')) + countFiles(join(EVIDENCE!, 'real')),
    );
    expect(stderr).not.toMatch(/internal error/);
  });

  it('states the hash and size of every input', () => {
    for (const input of [...report.inputs, ...report.skipped]) {
      expect(input.sha256, input.path).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  const falco = (file: string) => join(EVIDENCE!, 'real/k8s-audit/falco', file);

  it('flags the privileged pod in the Falco audit scenario', () => {
    const input = falco('create_nginx_pod_privileged.json');
    // An audited write is reported by the audit rule; the container rules judge live state.
    const hits = report.findings.filter(
      (f) => f.rule === 'k8s-escape-ready-workload' && f.evidence.some((e) => e.path === input),
    );
    expect(hits.length).toBeGreaterThan(0);
  });

  it('gives its unprivileged twin nothing above low', () => {
    const input = falco('create_nginx_pod_unprivileged.json');
    const above = report.findings.filter(
      (f) => !['low', 'info'].includes(f.severity) && f.evidence.some((e) => e.path === input),
    );
    expect(above).toEqual([]);
  });

  it('reports fal_01_003.json as not an audit event', () => {
    const skipped = report.skipped.find((s) => s.path === falco('fal_01_003.json'));
    expect(skipped?.reason).toMatch(/not an? (Kubernetes )?audit event/i);
  });
});
