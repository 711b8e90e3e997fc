import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument, ReportFinding } from '../../src/report/document.js';
import { evidenceDir, runCli } from '../helpers/cli.js';

const EVIDENCE = evidenceDir();
if (!EVIDENCE)
  console.warn('real-evidence suite skipped: no ../shared/evidence and no $STOWAWAY_EVIDENCE');

const LOW_OR_LESS = new Set(['low', 'info']);

describe.runIf(EVIDENCE)('lab evidence: podman containers and their images', () => {
  let report: ReportDocument;

  beforeAll(async () => {
    const args = [
      'analyze',
      join(EVIDENCE!, 'lab/podman'),
      join(EVIDENCE!, 'lab/images'),
      '--format',
      'json',
    ];
    const result = await runCli(args);
    expect(result.code).toBe(0);
    report = JSON.parse(result.stdout) as ReportDocument;
  });

  const entityNamed = (name: string) => report.entities.find((e) => e.names.includes(name));
  const findingsOf = (id: string | undefined): ReportFinding[] =>
    report.findings.filter((f) => f.entity === id);

  it('finds what the tampered image hides', () => {
    const container = entityNamed('evidence-tampered')!;
    const image = report.entities.find(
      (e) => container.related.includes(e.id) && e.kind === 'image',
    );
    expect(image).toBeDefined();
    const rules = new Set(findingsOf(image!.id).map((f) => f.rule));
    for (const rule of [
      'image-ld-preload',
      'image-logging-disabled',
      'image-setuid-added',
      'image-miner-or-tool',
      'image-secret-in-config',
    ]) {
      expect(rules, rule).toContain(rule);
    }
  });

  it('finds the privileged, unconfined container and the exec into it', () => {
    const rules = findingsOf(entityNamed('evidence-tampered')!.id).map((f) => f.rule);
    expect(rules).toContain('container-privileged');
    expect(rules).toContain('container-security-profile-disabled');
    expect(rules).toContain('container-exec');
  });

  it('finds SYS_ADMIN and SYS_PTRACE on evidence-caps', () => {
    const caps = findingsOf(entityNamed('evidence-caps')!.id).find(
      (f) => f.rule === 'container-dangerous-capabilities',
    );
    expect(caps?.summary).toMatch(/SYS_ADMIN/);
    expect(caps?.summary).toMatch(/SYS_PTRACE/);
  });

  it('joins the container and its image into one story ranked first', () => {
    const first = report.entities[0]!;
    expect(first.names).toContain('evidence-tampered');
    expect(report.findings[0]!.entity).toBe(first.id);
    const image = report.entities.find((e) => first.related.includes(e.id))!;
    expect(image.names.some((n) => n.includes('evidence/tampered'))).toBe(true);
  });

  it('gives the base image and evidence-hello nothing above low', () => {
    const hello = entityNamed('evidence-hello')!;
    const base = report.entities.find(
      (e) => e.kind === 'image' && e.names.some((n) => n.includes('evidence/base')),
    )!;
    for (const entity of [hello, base]) {
      const severities = findingsOf(entity.id).map((f) => f.severity);
      expect(
        severities.every((s) => LOW_OR_LESS.has(s)),
        `${entity.id}: ${severities.join(',')}`,
      ).toBe(true);
    }
  });

  it('is byte-for-byte the same on a second run with paths in another order', async () => {
    const args = [
      'analyze',
      join(EVIDENCE!, 'lab/images'),
      join(EVIDENCE!, 'lab/podman'),
      '--format',
      'json',
    ];
    const again = await runCli(args);
    expect(again.stdout).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});
