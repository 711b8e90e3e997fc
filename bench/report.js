// The benchmark's printed result: a table of timings and the verdicts
// against the aims in the design (DESIGN.md, "Streaming" and "Throughput").

/** The aims, stated for the default 200 MB audit log. */
export const AIMS = { maxFloorRatio: 2, maxPeakMb: 300 };

/**
 * @param {{ name: string, seconds: number, peakMb: number | null, note?: string }[]} rows
 *   the first row is the floor the ratios are taken against.
 */
export function printTable(rows) {
  const floor = rows[0].seconds;
  const table = [
    ['name', 'seconds', 'x floor', 'peak RSS MiB', 'note'],
    ...rows.map((r) => [
      r.name,
      r.seconds.toFixed(2),
      `${(r.seconds / floor).toFixed(2)}x`,
      r.peakMb === null ? 'n/a' : r.peakMb.toFixed(0),
      r.note ?? '',
    ]),
  ];
  const widths = table[0].map((_, col) => Math.max(...table.map((row) => row[col].length)));
  // Numbers right-aligned so that their digits line up; names and notes left.
  const cell = (text, col) =>
    col >= 1 && col <= 3 ? text.padStart(widths[col]) : text.padEnd(widths[col]);
  for (const [i, row] of table.entries()) {
    console.log(row.map(cell).join('  ').trimEnd());
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

/**
 * One line per aim: PASS, MISS, or n/a with the reason it cannot be judged.
 * @param {{ floor: object, analyze: object | null, jq: object | null,
 *   analyzeProblem: string | null, jqProblem: string | null }} m
 */
export function printVerdicts({ floor, analyze, jq, analyzeProblem, jqProblem }) {
  const verdicts = [
    [
      `analyze no slower than ${AIMS.maxFloorRatio}x the floor`,
      () => analyze.seconds <= AIMS.maxFloorRatio * floor.seconds,
      analyzeProblem,
    ],
    ['analyze faster than jq', () => analyze.seconds < jq.seconds, analyzeProblem ?? jqProblem],
    [
      `analyze peak memory under ${AIMS.maxPeakMb} MiB`,
      () => analyze.peakMb < AIMS.maxPeakMb,
      analyzeProblem ?? (analyze?.peakMb == null ? 'peak memory not measured' : null),
    ],
  ];
  for (const [aim, holds, problem] of verdicts) {
    if (problem) console.log(`  n/a   ${aim}: ${problem}`);
    else console.log(`  ${holds() ? 'PASS' : 'MISS'}  ${aim}`);
  }
}
