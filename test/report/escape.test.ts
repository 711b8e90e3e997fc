import { describe, expect, it } from 'vitest';
import { cell, forTerminal, truncate, TRUNCATION_HINT } from '../../src/report/escape.js';

describe('forTerminal', () => {
  it.each([
    ['plain text', 'plain text'],
    ['clear\u001b[2Jscreen', 'clear\\x1b[2Jscreen'],
    ['bell\u0007', 'bell\\x07'],
    ['new\nline\ttab', 'new\\x0aline\\x09tab'],
    ['c1\u009bcsi', 'c1\\x9bcsi'],
    ['bidi\u202eevil', 'bidi\\u202eevil'],
    ['del\u007f', 'del\\x7f'],
    ['caf\u00e9 ok', 'caf\u00e9 ok'],
  ])('%j', (input, want) => {
    expect(forTerminal(input)).toBe(want);
  });
});

describe('truncate', () => {
  it('leaves short values alone', () => {
    expect(truncate('short', 50)).toBe('short');
  });

  it('cuts long values with a visible marker within the limit', () => {
    const out = truncate('x'.repeat(500), 100);
    expect(out.length).toBe(100);
    expect(out.endsWith(TRUNCATION_HINT)).toBe(true);
  });

  it('escapes before cutting, so an escape is never split from its marker', () => {
    expect(cell('\u001b'.repeat(100), 60)).toMatch(/^(\\x1b)+/);
    expect(cell('\u001b'.repeat(100), 60).length).toBe(60);
  });
});
