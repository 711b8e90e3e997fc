import type { Readable } from 'node:stream';
import type { Head } from '../../../evidence/open.js';
import { lineBatches } from '../../../evidence/lines.js';
import { lineOf, readJsonDocument } from '../../../evidence/json-document.js';
import type { FileChangeObservation } from '../../../model/observation.js';
import type { Source } from '../../../model/source.js';
import { arr, obj } from '../../../util/text.js';
import type { ReadContext, Reader } from '../../reader.js';
import { sniffJson } from '../shared/sniff.js';
import { containerFromDiffName, type NamedBy } from './name.js';

/**
 * `docker diff` and `podman diff`: the paths a container changed against
 * its image, one a line, "A" added, "C" changed, "D" deleted.
 * Example: "C /etc", "A /tmp/.x", "D /usr/bin/wget".
 * https://docs.docker.com/reference/cli/docker/container/diff/
 * And `podman diff --format json`: {"changed": ["/etc"], "added": ["/tmp/.x"],
 * "deleted": ["/usr/bin/wget"]}, each list left out when empty.
 * Neither says when, so every observation is undated.
 */
const LINE = /^([ACD]) (\/.*)$/;
const CHANGES = { A: 'added', C: 'changed', D: 'deleted' } as const;
const JSON_KEYS: Record<string, FileChangeObservation['change']> = {
  added: 'added',
  changed: 'changed',
  deleted: 'deleted',
};

export const containerDiff: Reader = {
  id: 'container-diff',
  description: 'container filesystem changes (docker diff, podman diff, also as JSON)',
  exportCommand: 'docker diff CONTAINER > diff-CONTAINER.txt',
  sniff: (head) => isTextDiff(head) || isJsonDiff(head),
  read(content, ctx, head) {
    const who = containerFromDiffName(head.name);
    return isTextDiff(head) ? textDiff(content, ctx, who) : jsonDiff(content, ctx, who);
  },
};

/**
 * Every non-blank line of the head is a diff line, so that no other text
 * format is taken for one. The last line of a head that stops mid-file may
 * be cut short, so it is not judged.
 */
function isTextDiff(head: Head): boolean {
  if (head.text === null) return false;
  const lines = head.text.split('\n');
  if (lines.length > 1 && !head.text.endsWith('\n')) lines.pop();
  const filled = lines.map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
  return filled.length > 0 && filled.every((l) => LINE.test(l));
}

function isJsonDiff(head: Head): boolean {
  const json = sniffJson(head);
  if (json?.shape !== 'document' || json.root !== 'object' || json.keys.size === 0) return false;
  return [...json.keys].every((k) => k in JSON_KEYS);
}

async function* textDiff(
  content: Readable,
  ctx: ReadContext,
  who: NamedBy,
): AsyncGenerator<FileChangeObservation[]> {
  const onOverlong = (line: number): void => ctx.skip(line, 'diff line too long; skipped');
  for await (const { first, lines } of lineBatches(content, { onOverlong })) {
    const batch: FileChangeObservation[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.trim() === '') continue;
      const m = LINE.exec(lines[i]!);
      if (!m) {
        ctx.skip(first + i, 'not a diff line ("A", "C" or "D", a space, an absolute path)');
        continue;
      }
      ctx.record();
      const change = CHANGES[m[1] as keyof typeof CHANGES];
      batch.push(fileChange(who, m[2]!, change, { path: ctx.path, line: first + i }));
    }
    if (batch.length > 0) yield batch;
  }
}

async function* jsonDiff(
  content: Readable,
  ctx: ReadContext,
  who: NamedBy,
): AsyncGenerator<FileChangeObservation> {
  const doc = await readJsonDocument(content);
  const root = obj(doc.value);
  if (root === null) throw new Error('a podman diff JSON document is an object of path lists');
  for (const [key, change] of Object.entries(JSON_KEYS)) {
    if (root[key] !== undefined && !Array.isArray(root[key])) {
      ctx.skip(lineOf(doc, key, 0), `"${key}" is not a list of paths`);
      continue;
    }
    const paths = arr(root[key]);
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i];
      const line = lineOf(doc, key, i);
      if (typeof path !== 'string' || !path.startsWith('/')) {
        ctx.skip(line, `${key}[${i}] is not an absolute path`);
        continue;
      }
      ctx.record();
      yield fileChange(who, path, change, { path: ctx.path, line });
    }
  }
}

function fileChange(
  who: NamedBy,
  path: string,
  change: FileChangeObservation['change'],
  source: Source,
): FileChangeObservation {
  const named = who.container !== null || who.name !== null;
  return {
    kind: 'file-change',
    time: null,
    ts: null,
    source,
    ...(named ? { notes: ['name-from-file-name'] } : {}),
    container: who.container,
    name: who.name,
    path,
    change,
  };
}
