import { describe, expect, it } from 'vitest';
import { jsonShape, scanElementLines } from '../../src/evidence/json-document.js';

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
