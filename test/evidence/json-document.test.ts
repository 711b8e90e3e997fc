import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonShape, readJsonDocument, scanElementLines } from '../../src/evidence/json-document.js';

describe('scanElementLines', () => {
  it('finds the start line of each root array element', () => {
    const text = '[\n {\n  "a": "}{[",\n  "b": [1, {"c": 2}]\n },\n {\n  "d": "\\"]"\n }\n]';
    expect(scanElementLines(text).get('')).toEqual([2, 6]);
  });

  it('counts scalar elements too, so later lines stay aligned', () => {
    const text = '[\n {"a": 1},\n 7,\n "s,]",\n {"b": 2}\n]';
    expect(scanElementLines(text).get('')).toEqual([2, 3, 4, 5]);
  });

  it('finds elements of arrays held by the root object', () => {
    const text =
      '{\n "kind": "List",\n "items": [\n  {"x": 1},\n  {"y": [2]}\n ],\n "other": [\n {}\n ]\n}';
    const lines = scanElementLines(text);
    expect(lines.get('items')).toEqual([4, 5]);
    expect(lines.get('other')).toEqual([8]);
  });
});

describe('jsonShape', () => {
  it.each([
    { name: 'JSON lines', head: '{"a":1}\n{"a":2}\n', want: 'lines' },
    { name: 'pretty array', head: '[\n {\n  "a": 1\n }\n]\n', want: 'document' },
    { name: 'one-line document', head: '{"kind": 0}', want: 'document' },
    { name: 'not JSON', head: 'hello', want: null },
    { name: 'binary', head: null, want: null },
  ])('$name', ({ head, want }) => {
    expect(jsonShape(head)?.shape ?? null).toBe(want);
  });
});

describe('documents written back to back', () => {
  const read = (text: string) => readJsonDocument(Readable.from([Buffer.from(text)]));

  it.each([
    [
      'pretty-printed objects, as jq . writes them',
      '{\n  "a": "}{",\n  "n": 1\n}\n{\n  "n": 2\n}\n',
      [{ a: '}{', n: 1 }, { n: 2 }],
      [1, 5],
    ],
    [
      'arrays, as one docker inspect after another writes them',
      '[\n  {"id": 1},\n  {"id": 2}\n]\n[\n  {"id": 3}\n]',
      [{ id: 1 }, { id: 2 }, { id: 3 }],
      [2, 3, 6],
    ],
    ['objects on one line', '{"n":1}{"n":2} {"n":3}', [{ n: 1 }, { n: 2 }, { n: 3 }], [1, 1, 1]],
  ])('%s read as the elements of one array', async (_, text, value, lines) => {
    const doc = await read(text);
    expect(doc.value).toEqual(value);
    expect(doc.elementLines.get('')).toEqual(lines);
  });

  it.each([
    ['one broken document among them', '{"n": 1}\n{"n": \n'],
    ['a scalar between them', '{"n": 1}\n7\n{"n": 2}'],
    ['a single document cut short', '{"n": 1'],
  ])('still refuses %s', async (_, text) => {
    await expect(read(text)).rejects.toThrow();
  });
});
