import type { Readable } from 'node:stream';
import { isMap, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { describe } from '../../util/errors.js';
import type { ReadContext } from '../reader.js';
import type { Place } from './kube-objects.js';
import { readText } from './read-text.js';

/**
 * The documents of a YAML stream (`kubectl get -o yaml`, manifests joined by
 * `---`, `podman generate kube`), each with the line it starts on and the
 * lines of its `items`. A document that does not parse is skipped, counted
 * and located; the others are still read.
 * Spec: https://yaml.org/spec/1.2.2/#chapter-9-document-stream-productions
 */
export interface YamlRecord {
  value: unknown;
  place: Place;
}

/**
 * NOTE: anchors and aliases expand to at most this many nodes per document,
 * so that a "billion laughs" document cannot exhaust memory.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * NOTE: YAML is parsed whole and an order of magnitude slower than JSON; past
 * this size the same export as JSON (`-o json`) is the way to read it.
 */
const MAX_YAML_BYTES = 64 * 1024 * 1024;

export async function* yamlDocuments(
  content: Readable,
  ctx: ReadContext,
): AsyncGenerator<YamlRecord> {
  const text = await readText(content, MAX_YAML_BYTES, 'export it with -o json instead');
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  if (!Array.isArray(docs)) return;
  for (const doc of docs) {
    const line = lines.linePos(doc.contents?.range[0] ?? doc.range[0]).line;
    const error = doc.errors[0];
    if (error !== undefined) {
      ctx.skip(line, `not YAML: ${firstLine(error.message)}`);
      continue;
    }
    const value = toValue(doc, line, ctx);
    // An empty document: comments only, as `podman generate kube` starts
    // with, or nothing after a closing `---`.
    if (value !== undefined && value !== null)
      yield { value, place: { line, itemLine: itemLines(doc, lines, line) } };
  }
}

function toValue(doc: Document, line: number, ctx: ReadContext): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    ctx.skip(line, `YAML document not readable: ${firstLine(describe(error))}`);
    return undefined;
  }
}

/** Lines of the entries of the root mapping's `items` sequence. */
function itemLines(doc: Document, lines: LineCounter, fallback: number): (index: number) => number {
  const items = isMap(doc.contents) ? doc.contents.get('items', true) : null;
  if (!isSeq(items)) return () => fallback;
  return (index) => {
    const node = items.items[index] as { range?: [number, number, number] } | undefined;
    return node?.range ? lines.linePos(node.range[0]).line : fallback;
  };
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
