import type { ReadContext } from './reader.js';

/** A located message about one input. Example: { line: 17, message: "not JSON: …" }. */
export interface InputWarning {
  line?: number;
  member?: string;
  message: string;
}

/** What was read of one input, for the report's `inputs`. */
export interface InputStats {
  path: string;
  format: string;
  records: number;
  skipped: number;
  warnings: InputWarning[];
  /** Warnings beyond the first few, counted but not listed. */
  moreWarnings: number;
}

/** How many located warnings an input lists; the rest are counted. */
export const WARNINGS_LISTED = 10;

export type WarningSink = (path: string, warning: InputWarning) => void;

class StatsContext implements ReadContext {
  constructor(
    readonly stats: InputStats,
    private readonly sink: WarningSink,
  ) {}

  get path(): string {
    return this.stats.path;
  }

  record(count = 1): void {
    this.stats.records += count;
  }

  skip(where: number | string | null, message: string): void {
    this.stats.skipped += 1;
    this.warn(where, message);
  }

  warn(where: number | string | null, message: string): void {
    const warning: InputWarning = { message };
    if (typeof where === 'number') warning.line = where;
    else if (typeof where === 'string') warning.member = where;
    if (this.stats.warnings.length < WARNINGS_LISTED) insertByLine(this.stats.warnings, warning);
    else this.stats.moreWarnings += 1;
    this.sink(this.stats.path, warning);
  }
}

/**
 * Keeps listed warnings in line order: readers parse a chunk of lines before
 * judging its records, so a later line's parse error can arrive first.
 */
function insertByLine(list: InputWarning[], warning: InputWarning): void {
  const line = warning.line ?? Infinity;
  let i = list.length;
  while (i > 0 && (list[i - 1]!.line ?? Infinity) > line) i--;
  list.splice(i, 0, warning);
}

export function newStats(path: string, format: string): InputStats {
  return { path, format, records: 0, skipped: 0, warnings: [], moreWarnings: 0 };
}

/** A context that counts into `stats` and passes each located warning on to `sink`. */
export function contextFor(stats: InputStats, sink: WarningSink): ReadContext {
  return new StatsContext(stats, sink);
}
