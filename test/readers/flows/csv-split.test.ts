import { describe, expect, it } from 'vitest';
import { CsvLineError, splitCsvLine } from '../../../src/readers/flows/csv-split.js';

describe('splitCsvLine', () => {
  it.each([
    { name: 'plain fields', line: 'a,b,c', want: ['a', 'b', 'c'] },
    { name: 'empty fields kept', line: 'a,,c,', want: ['a', '', 'c', ''] },
    { name: 'padding kept for the reader', line: ' e ,  ->', want: [' e ', '  ->'] },
    { name: 'tshark quoting', line: '"1",,"::1","6"', want: ['1', '', '::1', '6'] },
    { name: 'quoted separator', line: '"10.0.0.1,192.0.2.7",x', want: ['10.0.0.1,192.0.2.7', 'x'] },
    { name: 'quoted empty last', line: 'a,""', want: ['a', ''] },
    { name: 'trailing separator after quote', line: '"a",', want: ['a', ''] },
    { name: 'escaped quote', line: 'a,"say ""hi""",b', want: ['a', 'say "hi"', 'b'] },
    { name: 'tab separator', line: '1\t"x"\t', sep: '\t', want: ['1', 'x', ''] },
  ])('$name', ({ line, sep, want }) => {
    expect(splitCsvLine(line, sep ?? ',')).toEqual(want);
  });

  it.each([
    { name: 'unterminated quote', line: 'a,"b,c' },
    { name: 'quote inside a bare field then garbage', line: 'a,"b"x,c' },
  ])('rejects $name', ({ line }) => {
    expect(() => splitCsvLine(line, ',')).toThrow(CsvLineError);
  });
});
