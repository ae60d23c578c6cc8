/** The one CSV writer (docs/security.md "Inputs"): formula cells stay text, quoting as RFC 4180 says, numbers as numbers. */
import { describe, expect, it } from 'vitest';
import { csvCell, csvText } from '../../../src-main/shared/csv-out';

describe('csv cells', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ])('writes %j as text: %j', (cell, out) => expect(csvCell(cell)).toBe(out));

  it('leaves ordinary text and numbers alone, quotes what needs quoting', () => {
    expect(csvCell('王建国')).toBe('王建国');
    expect(csvCell('130123196003010113')).toBe('130123196003010113');
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('');
    expect(
      csvText([
        ['行', '列'],
        [1, '=x'],
      ]),
    ).toBe("\uFEFF行,列\r\n1,'=x\r\n");
  });
});
