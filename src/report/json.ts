import type { Writer } from './writer.js';

/**
 * The JSON contract of REPORT.md: keys in document order, two-space indent,
 * the same bytes as JSON.stringify(report, null, 2), given out one array
 * element at a time. JSON strings hold no raw line breaks, so re-indenting
 * an element's lines cannot touch a value.
 */
export const writeJson: Writer = function* (report) {
  const entries = Object.entries(report).filter(([, value]) => value !== undefined);
  yield '{';
  for (const [i, [key, value]] of entries.entries()) {
    yield `${i === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (Array.isArray(value) && value.length > 0) yield* arrayPieces(value);
    else yield indent(JSON.stringify(value, null, 2), '  ');
  }
  yield entries.length > 0 ? '\n}\n' : '}\n';
};

function* arrayPieces(items: unknown[]): Iterable<string> {
  yield '[';
  for (const [i, item] of items.entries()) {
    const text = JSON.stringify(item, null, 2) ?? 'null';
    yield `${i === 0 ? '' : ','}\n    ${indent(text, '    ')}`;
  }
  yield '\n  ]';
}

function indent(text: string, by: string): string {
  return text.replace(/\n/g, `\n${by}`);
}
