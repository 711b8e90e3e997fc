/**
 * The header line of a CSV export, with names looked up the way exporters
 * vary them: surrounding spaces dropped (CIC-IDS2017 writes " Source IP"),
 * case ignored, and underscores read as spaces (python-cicflowmeter writes
 * "src_ip" where the Java tool writes "Src IP"). Columns are kept by
 * position, so a name written twice (CICFlowMeter's "Fwd Header Length")
 * is found at its first column.
 */
export class CsvHeader {
  /** Names as written, trimmed. */
  readonly names: string[];
  /** Names as looked up. Example: " Flow_Duration" → "flow duration". */
  readonly keys: string[];
  /** Names written more than once, with their 0-based columns. */
  readonly duplicates: { name: string; columns: number[] }[];

  constructor(
    readonly line: number,
    readonly text: string,
    fields: string[],
  ) {
    const width = widthOf(fields);
    this.names = fields.slice(0, width).map((f) => f.trim());
    this.keys = this.names.map(headerKey);
    this.duplicates = findDuplicates(this.keys, this.names);
  }

  /** The first column named by one of `aliases` (tried in order), or -1. */
  column(...aliases: string[]): number {
    for (const alias of aliases) {
      const at = this.keys.indexOf(headerKey(alias));
      if (at >= 0) return at;
    }
    return -1;
  }

  has(...aliases: string[]): boolean {
    return this.column(...aliases) >= 0;
  }
}

/** Fields up to the last named one: a spreadsheet may end the header with commas. */
function widthOf(fields: string[]): number {
  let width = fields.length;
  while (width > 1 && fields[width - 1]!.trim() === '') width -= 1;
  return width;
}

export function headerKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
}

function findDuplicates(keys: string[], names: string[]) {
  const columns = new Map<string, number[]>();
  keys.forEach((key, i) => {
    if (key === '') return;
    const list = columns.get(key);
    if (list) list.push(i);
    else columns.set(key, [i]);
  });
  return [...columns.values()]
    .filter((list) => list.length > 1)
    .map((list) => ({ name: names[list[0]!]!, columns: list }));
}

/** The header of a head of text, split on `separator`, for sniffing. */
export function sniffHeader(text: string | null, separator = ','): CsvHeader | null {
  if (text === null) return null;
  const start = text.search(/\S/);
  if (start < 0) return null;
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end < 0 ? undefined : end).replace(/\r$/, '');
  const fields = line.split(separator).map((f) => f.replace(/^\s*"|"\s*$/g, ''));
  return fields.length > 1 ? new CsvHeader(1, line, fields) : null;
}
