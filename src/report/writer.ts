import type { ReportDocument } from './document.js';

export interface WriteOptions {
  /** Colour on: only on a TTY and never with NO_COLOR. */
  color: boolean;
  /** Terminal width for tables. */
  width: number;
}

/**
 * A report format: turns the report document into the text it writes, in
 * pieces, so that a report of a hundred thousand findings is written as it
 * is made rather than held as one string (which has a length limit).
 */
export type Writer = (report: ReportDocument, options: WriteOptions) => Iterable<string>;
