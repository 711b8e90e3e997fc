/**
 * What one archive may hold in memory until its images are put together
 * at the end. Evidence is hostile: a small gzip layer can expand to
 * millions of entries, and an archive can carry thousands of JSON blobs.
 * NOTE: past a limit the reader goes on counting records but keeps no more
 * of that kind, and says so once.
 */
export class Allowance {
  spent = false;

  constructor(
    private remaining: number,
    /** What runs out, for the warning. Example: "file text over 32 MiB". */
    readonly what: string,
  ) {}

  /** Takes `amount`; false (and spent) once the allowance cannot cover it. */
  take(amount: number): boolean {
    if (amount > this.remaining) {
      this.spent = true;
      return false;
    }
    this.remaining -= amount;
    return true;
  }
}

export interface Limits {
  /** Bytes of small text files kept as content. */
  textBytes: number;
  /** Bytes of JSON metadata kept (manifests, indexes, configs). */
  jsonBytes: number;
  /** Entries kept, over all layers (and the members of a flat export). */
  entries: number;
}

export const ARCHIVE_LIMITS: Limits = {
  textBytes: 32 * 1024 * 1024,
  jsonBytes: 256 * 1024 * 1024,
  entries: 2_000_000,
};

export class ArchiveBudget {
  readonly text: Allowance;
  readonly json: Allowance;
  readonly entries: Allowance;

  constructor(limits: Limits = ARCHIVE_LIMITS) {
    const mib = (bytes: number) =>
      bytes < 1024 * 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024 / 1024)} MiB`;
    const text = `file text over ${mib(limits.textBytes)}: later files carry no content`;
    const json = `JSON metadata over ${mib(limits.jsonBytes)}: later ones not read`;
    const entries = `over ${limits.entries} entries: later entries counted, not listed`;
    this.text = new Allowance(limits.textBytes, text);
    this.json = new Allowance(limits.jsonBytes, json);
    this.entries = new Allowance(limits.entries, entries);
  }

  /** One warning for each allowance that ran out. */
  exhausted(): string[] {
    return [this.text, this.json, this.entries].filter((a) => a.spent).map((a) => a.what);
  }
}
