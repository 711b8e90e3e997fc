import { READERS } from '../readers/registry.js';
import type { Io } from './io.js';

/** `stowaway formats`: every input stowaway reads, and the command that exports it. */
export function formats(io: Io, json: boolean): number {
  const rows = READERS.map((r) => ({
    id: r.id,
    description: r.description,
    export: r.exportCommand,
  }));
  if (json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  for (const r of rows) io.stdout.write(`${r.id}\n  ${r.description}\n  export: ${r.export}\n\n`);
  return 0;
}
