import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../../src/report/document.js';
import { evidenceDir, runCli } from '../../../helpers/cli.js';

const EVIDENCE = evidenceDir();

async function findings(path: string, rule: string) {
  const result = await runCli(['analyze', join(EVIDENCE!, path), '--format', 'json']);
  const report = JSON.parse(result.stdout) as ReportDocument;
  return report.findings.filter((f) => f.rule === rule);
}

describe.runIf(EVIDENCE)('edge cases of the kubectl and runtime rules', () => {
  it('18: a BackOff counted 12 in series.count is one finding', async () => {
    const found = await findings(
      'edgecases/18-kubectl-events-null-timestamps',
      'kubectl-restart-backoff',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.summary).toContain('12 times');
  });

  it('16: a shell exec seen as exec_create and exec_start is one finding', async () => {
    const found = await findings('edgecases/16-docker-events-api-versions', 'container-exec');
    expect(found.map((f) => f.summary)).toEqual(['exec into web-1: /bin/sh -c id']);
  });

  it('the real deck-chores event stream raises nothing above low', async () => {
    const result = await runCli([
      'analyze',
      join(EVIDENCE!, 'real/docker/deck-chores_events_00_docker19-2019.ndjson'),
      '--format',
      'json',
    ]);
    const report = JSON.parse(result.stdout) as ReportDocument;
    const loud = report.findings.filter((f) => !['info', 'low'].includes(f.severity));
    expect(loud.map((f) => f.rule)).toEqual([]);
  });
});
