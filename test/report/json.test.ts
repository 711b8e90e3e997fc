import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/report/document.js';
import { writeJson } from '../../src/report/json.js';

const options = { color: false, width: 120 };

function finding(i: number) {
  return {
    id: `f-${i}`,
    rule: 'k8s-test',
    summary: `line one\nstill one value "${i}"`,
    evidence: [{ path: 'a.log', line: i }],
    nested: { deep: [1, [2, {}], []] },
  };
}

describe('the JSON report writer', () => {
  it.each([
    ['no findings', { schemaVersion: 1, findings: [], summary: { findings: 0 } }],
    ['findings', { schemaVersion: 1, findings: [finding(1), finding(2)], notEvaluable: [] }],
    ['an empty document', {}],
    ['an array of scalars', { tags: ['a', 'b'], n: null }],
  ])('writes the same bytes as JSON.stringify, in pieces: %s', (_, doc) => {
    const pieces = [...writeJson(doc as unknown as ReportDocument, options)];
    expect(pieces.join('')).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });

  it('gives a large report out in pieces, never as one string', () => {
    const findings = Array.from({ length: 20_000 }, (_, i) => finding(i));
    const doc = { schemaVersion: 1, findings } as unknown as ReportDocument;
    let longest = 0;
    let count = 0;
    for (const piece of writeJson(doc, options)) {
      longest = Math.max(longest, piece.length);
      count += 1;
    }
    expect(count).toBeGreaterThan(20_000);
    expect(longest).toBeLessThan(1000);
  });
});
