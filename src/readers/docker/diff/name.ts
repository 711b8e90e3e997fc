/**
 * The container a diff export is about, from its file name, since neither
 * `docker diff` nor `podman diff` writes the container into its output.
 * Rule: drop a ".diff", ".txt" or ".json" extension; then, when the name
 * holds a "diff" word (bounded by "-", "_" or "."), keep what follows it,
 * else what precedes it; a name with no "diff" word (and no ".diff"
 * extension) says nothing. What remains is a container ID when it is 12 to
 * 64 hex digits, else a container name.
 * Examples: "diff_web.txt" → web; "web-1.diff" → web-1; "web-1-diff.txt" →
 * web-1; "podman_diff_tampered.json" → tampered; "changes.txt" → nothing.
 * NOTE: a file name is what the responder typed, not evidence; observations
 * named this way carry the note "name-from-file-name".
 */
export interface NamedBy {
  container: string | null;
  name: string | null;
}

const EXTENSION = /\.(?:diff|txt|json)$/i;
const DIFF_WORD = /(?:^|[-_.])diff(?:[-_.]|$)/i;
const CONTAINER_ID = /^[0-9a-f]{12,64}$/;

export function containerFromDiffName(fileName: string): NamedBy {
  const stem = fileName.replace(EXTENSION, '');
  const named = stem !== fileName && /\.diff$/i.test(fileName) ? stem : fromDiffWord(stem);
  if (named === null || named === '') return { container: null, name: null };
  return CONTAINER_ID.test(named)
    ? { container: named, name: null }
    : { container: null, name: named };
}

function fromDiffWord(stem: string): string | null {
  const m = DIFF_WORD.exec(stem);
  if (!m) return null;
  const after = stem.slice(m.index + m[0].length);
  const before = stem.slice(0, m.index);
  return after !== '' ? after : before;
}
