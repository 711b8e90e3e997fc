import type { FlowObservation } from '../../model/observation.js';
import { NotThisFormat, type ReadContext } from '../reader.js';
import type { CsvHeader } from './csv-header.js';
import type { CsvBatch, CsvRow } from './csv-rows.js';
import { FieldError } from './values.js';

/** Column positions by field, resolved once from the header; -1 when absent. */
export interface ColumnMap<K extends string> {
  index: Record<K, number>;
  /** The header name of each field's column, for messages. */
  names: Record<K, string>;
}

/** The fields of one row, looked up by what they mean. */
export class Cells<K extends string> {
  constructor(
    readonly row: CsvRow,
    private readonly columns: ColumnMap<K>,
  ) {}

  raw(key: K): string | undefined {
    return this.row.fields[this.columns.index[key]];
  }

  /** The column's name as the header writes it. */
  name(key: K): string {
    return this.columns.names[key];
  }

  /** Parses a field; the parser names the column when it rejects the value. */
  get<T>(key: K, parse: (raw: string | undefined, column: string) => T): T {
    return parse(this.row.fields[this.columns.index[key]], this.columns.names[key]);
  }
}

/** Turns one row into a flow, or null for a record that is not a flow (argus "man"). */
export type RowBuilder<K extends string> = (cells: Cells<K>) => FlowObservation | null;

/**
 * Runs a flow CSV's rows through its builder. Every well-formed row is a
 * record; a row with a bad field is skipped and located with the builder's
 * reason. A header without the required columns gives the file up as not
 * of the format, naming them (the file is then skipped with that reason).
 */
export async function* readRows<K extends string>(
  batches: AsyncIterable<CsvBatch>,
  ctx: ReadContext,
  aliases: Record<K, string[]>,
  required: NoInfer<K>[],
  build: RowBuilder<NoInfer<K>>,
): AsyncGenerator<FlowObservation> {
  let columns: ColumnMap<K> | null = null;
  for await (const { header, rows } of batches) {
    columns ??= resolve(header, aliases, required);
    for (const row of rows) {
      const flow = buildOne(columns, row, ctx, build);
      if (flow) yield flow;
    }
  }
}

function buildOne<K extends string>(
  columns: ColumnMap<K>,
  row: CsvRow,
  ctx: ReadContext,
  build: RowBuilder<K>,
): FlowObservation | null {
  try {
    const flow = build(new Cells(row, columns));
    ctx.record();
    return flow;
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    ctx.skip(row.line, error.message);
    return null;
  }
}

export function resolve<K extends string>(
  header: CsvHeader,
  aliases: Record<K, string[]>,
  required: NoInfer<K>[],
): ColumnMap<K> {
  const index = {} as Record<K, number>;
  const names = {} as Record<K, string>;
  for (const key of Object.keys(aliases) as K[]) {
    index[key] = header.column(...aliases[key]);
    names[key] = header.names[index[key]] ?? aliases[key][0]!;
  }
  const missing = required.filter((key) => index[key] < 0).map((key) => aliases[key][0]);
  if (missing.length > 0) {
    throw new NotThisFormat(`a CSV header with no column for ${missing.join(', ')}`);
  }
  return { index, names };
}
