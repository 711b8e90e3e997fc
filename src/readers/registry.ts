import type { Head } from '../evidence/open.js';
import type { Reader, Recognizer } from './reader.js';
import * as docker from './docker/index.js';
import * as flows from './flows/index.js';
import * as image from './image/index.js';
import * as kubernetes from './kubernetes/index.js';

/**
 * Every input format, in sniffing order: the first reader whose `sniff`
 * says yes reads the file, so more specific formats come first. Formats we
 * recognize but do not read come after, so a file of them is skipped with
 * a reason that says what it is.
 */
export const READERS: readonly Reader[] = [
  ...image.READERS,
  ...kubernetes.READERS,
  ...docker.READERS,
  ...flows.READERS,
];

export const RECOGNIZERS: readonly Recognizer[] = [
  ...image.RECOGNIZERS,
  ...kubernetes.RECOGNIZERS,
  ...docker.RECOGNIZERS,
  ...flows.RECOGNIZERS,
];

assertUniqueIds([...READERS, ...RECOGNIZERS]);

export type Identification = { reader: Reader } | { skip: string };

export function identify(head: Head): Identification {
  for (const reader of READERS) if (reader.sniff(head)) return { reader };
  for (const known of RECOGNIZERS) if (known.sniff(head)) return { skip: known.reason(head) };
  return { skip: fallbackReason(head) };
}

function fallbackReason(head: Head): string {
  if (head.bytes.length === 0) return 'empty file';
  if (head.text === null) return 'binary data of no recognized evidence format';
  return 'text of no recognized evidence format (see `stowaway formats`)';
}

function assertUniqueIds(entries: readonly { id: string }[]): void {
  const seen = new Set<string>();
  for (const { id } of entries) {
    if (seen.has(id)) throw new Error(`two readers share the id '${id}'`);
    seen.add(id);
  }
}
