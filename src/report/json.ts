import type { Writer } from './writer.js';

/** The JSON contract of REPORT.md: keys in document order, two-space indent. */
export const writeJson: Writer = (report) => `${JSON.stringify(report, null, 2)}\n`;
