import type { ReportDocument } from './document.js';

export interface WriteOptions {
  /** Colour on: only on a TTY and never with NO_COLOR. */
  color: boolean;
  /** Terminal width for tables. */
  width: number;
}

/** A report format: turns the report document into the bytes it writes. */
export type Writer = (report: ReportDocument, options: WriteOptions) => string;
