import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { IntelMatcher } from '../detect/settings.js';
import { lineBatches } from '../evidence/lines.js';
import { UserError, describe } from '../util/errors.js';
import { parseIntelLine } from './list.js';
import { IntelIndex } from './matcher.js';

/** A line of a feed that could not be read. Example: { path, line: 3, message: "not an IP…" }. */
export interface IntelWarning {
  path: string;
  line: number | null;
  message: string;
}

/** What one feed file gave. `feed` is the file name that hits name. */
export interface FeedSummary {
  path: string;
  feed: string;
  entries: number;
  badLines: number;
}

/** The loaded feeds: a matcher for rules, plus what the user should be told. */
export interface LoadedIntel extends IntelMatcher {
  readonly feeds: FeedSummary[];
  readonly warnings: IntelWarning[];
}

/** Bad lines listed per feed; the rest are counted in one closing warning. */
export const BAD_LINES_LISTED = 20;

/**
 * Loads the plain lists given with `--intel FILE` (repeatable). Feeds load
 * in path order whatever the order on the command line, so the entry that
 * answers for an address listed twice never depends on it. A missing or
 * unreadable file is a user error; a bad line is a located warning.
 */
export async function loadIntel(paths: string[]): Promise<LoadedIntel> {
  const index = new IntelIndex();
  const feeds: FeedSummary[] = [];
  const warnings: IntelWarning[] = [];
  for (const path of [...new Set(paths)].sort()) {
    await checkFile(path);
    feeds.push(await loadFeed(path, index, warnings));
  }
  return {
    feeds,
    warnings,
    get size() {
      return index.size;
    },
    match: (address) => index.match(address),
  };
}

/** One warning as a line for stderr. Example: "bad.txt: line 3: not a CIDR network: '10/x'". */
export function formatIntelWarning(w: IntelWarning): string {
  return w.line === null ? `${w.path}: ${w.message}` : `${w.path}: line ${w.line}: ${w.message}`;
}

async function checkFile(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new UserError(
      `${path}: intel file not found; check the path given to --intel or under intel: in stowaway.yaml`,
    );
  }
  if (!info.isFile()) {
    throw new UserError(
      `${path}: not a file; --intel takes a file of IP addresses and CIDR networks, one a line`,
    );
  }
}

async function loadFeed(path: string, index: IntelIndex, warnings: IntelWarning[]) {
  const summary: FeedSummary = { path, feed: basename(path), entries: 0, badLines: 0 };
  const report = (line: number, message: string): void => {
    summary.badLines += 1;
    if (summary.badLines <= BAD_LINES_LISTED) warnings.push({ path, line, message });
  };
  try {
    for await (const batch of lineBatches(createReadStream(path), {
      onOverlong: (line) => report(line, 'line too long to be an entry'),
    })) {
      batch.lines.forEach((text, i) => {
        const line = batch.first + i;
        addLine(line === 1 ? text.replace(/^\uFEFF/, '') : text, line, summary, index, report);
      });
    }
  } catch (error) {
    throw new UserError(`${path}: cannot read intel file: ${describe(error)}`, { cause: error });
  }
  closeFeed(summary, warnings);
  return summary;
}

function addLine(
  text: string,
  line: number,
  summary: FeedSummary,
  index: IntelIndex,
  report: (line: number, message: string) => void,
): void {
  const parsed = parseIntelLine(text);
  if (parsed.kind === 'blank') return;
  if (parsed.kind === 'bad') return report(line, parsed.message);
  const hit = { feed: summary.feed, entry: parsed.entry };
  const added =
    parsed.kind === 'address'
      ? index.addAddress(parsed.address.canonical, hit)
      : index.addNetwork(parsed.network, hit);
  // A repeat (in this feed or an earlier one) adds nothing to match on.
  if (added) summary.entries += 1;
}

function closeFeed(summary: FeedSummary, warnings: IntelWarning[]): void {
  const { path } = summary;
  const unlisted = summary.badLines - BAD_LINES_LISTED;
  if (unlisted > 0) {
    warnings.push({ path, line: null, message: `${unlisted} more bad lines not listed` });
  }
  if (summary.entries === 0) {
    warnings.push({ path, line: null, message: 'no IP addresses or CIDR networks in this feed' });
  }
}
