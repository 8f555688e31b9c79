import { describe, expect, it } from 'vitest';
import { csvCell, escapeHtml, escapeMarkdown, toCsv } from './exports';

describe('exports', () => {
  it('defuses spreadsheet formulas and quotes what must be quoted', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
    expect(
      toCsv([
        ['a', 'b'],
        ['c', 'line\nbreak'],
      ]),
    ).toBe('a,b\r\nc,"line\nbreak"\r\n');
  });
  it('renders markup as text in HTML and Markdown', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\]\\(javascript:alert\\(1\\)\\)');
  });
});
