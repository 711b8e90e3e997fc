import type { Readable } from 'node:stream';
import { lineBatches } from '../../evidence/lines.js';
import { quote } from '../../intel/list.js';
import type { ReadContext } from '../reader.js';
import { CsvLineError, splitCsvLine } from './csv-split.js';
import { CsvHeader } from './csv-header.js';

/** One data row of a CSV export and the line it is on (1-based). */
export interface CsvRow {
  line: number;
  fields: string[];
}

export interface CsvBatch {
  header: CsvHeader;
  rows: CsvRow[];
}

export interface CsvOptions {
  separator?: string;
  /** True for the first line of a trailer that is not data (nfdump's "Summary"). */
  isTrailer?: (fields: string[]) => boolean;
}

/** Rows whose duplicated columns disagree that are listed one by one. */
const DISAGREEMENTS_LISTED = 10;

/**
 * Reads a CSV export as its header and batches of well-formed rows. The
 * first non-blank line is the header. A line that is not CSV, or that has
 * more or fewer fields than the header (empty trailing fields aside), is
 * skipped and located; a repeat of the header (concatenated exports) is
 * noted and passed over; reading ends at a trailer. Duplicated header
 * names are reported once, and rows where the copies disagree are
 * reported too (readers use the first copy).
 */
export async function* csvRows(
  content: Readable,
  ctx: ReadContext,
  options: CsvOptions = {},
): AsyncGenerator<CsvBatch> {
  const separator = options.separator ?? ',';
  const state = new TableState(ctx, separator, options.isTrailer);
  const onOverlong = (line: number): void => ctx.skip(line, 'line too long to be a record');
  for await (const batch of lineBatches(content, { onOverlong })) {
    const rows = state.take(batch.first, batch.lines);
    if (state.header && rows.length > 0) yield { header: state.header, rows };
    if (state.ended) break;
  }
  state.close();
}

class TableState {
  header: CsvHeader | null = null;
  ended = false;
  private disagreements = 0;

  constructor(
    private readonly ctx: ReadContext,
    private readonly separator: string,
    private readonly isTrailer?: (fields: string[]) => boolean,
  ) {}

  take(first: number, lines: string[]): CsvRow[] {
    const rows: CsvRow[] = [];
    for (let i = 0; i < lines.length && !this.ended; i++) {
      const text = lines[i]!;
      if (text.trim() === '') continue;
      const row = this.row(first + i, text);
      if (row) rows.push(row);
    }
    return rows;
  }

  close(): void {
    const unlisted = this.disagreements - DISAGREEMENTS_LISTED;
    if (unlisted > 0) {
      this.ctx.warn(null, `${unlisted} more rows where duplicated columns disagree`);
    }
  }

  private row(line: number, text: string): CsvRow | null {
    let fields: string[];
    try {
      fields = splitCsvLine(text, this.separator);
    } catch (error) {
      if (!(error instanceof CsvLineError)) throw error;
      this.ctx.skip(line, error.message);
      return null;
    }
    if (!this.header) {
      this.header = new CsvHeader(line, text, fields);
      this.reportDuplicates(this.header);
      return null;
    }
    if (this.isTrailer?.(fields)) {
      this.ended = true;
      return null;
    }
    return this.checked(line, text, fields, this.header);
  }

  private checked(line: number, text: string, fields: string[], header: CsvHeader) {
    if (text === header.text) {
      this.ctx.warn(line, 'repeated header line passed over');
      return null;
    }
    const width = header.names.length;
    // Spreadsheets pad ragged rows with empty fields ("a,b,c,,"): those carry nothing.
    while (fields.length > width && fields[fields.length - 1]!.trim() === '') fields.pop();
    if (fields.length !== width) {
      this.ctx.skip(line, `${fields.length} fields where the header has ${width}`);
      return null;
    }
    if (header.duplicates.length > 0) this.compareCopies(line, fields, header);
    return { line, fields };
  }

  private reportDuplicates(header: CsvHeader): void {
    for (const { name, columns } of header.duplicates) {
      const at = columns.map((c) => c + 1).join(' and ');
      const message = `header '${quote(name)}' appears at columns ${at}; the first is used`;
      this.ctx.warn(header.line, message);
    }
  }

  private compareCopies(line: number, fields: string[], header: CsvHeader): void {
    for (const { name, columns } of header.duplicates) {
      const values = columns.map((c) => fields[c]!.trim());
      if (values.every((v) => v === values[0])) continue;
      this.disagreements += 1;
      if (this.disagreements > DISAGREEMENTS_LISTED) continue;
      const shown = values.map((v) => `'${quote(v)}'`).join(' and ');
      const at = columns.map((c) => c + 1).join(' and ');
      this.ctx.warn(line, `columns ${at} ('${quote(name)}') disagree: ${shown}; the first is used`);
    }
  }
}
