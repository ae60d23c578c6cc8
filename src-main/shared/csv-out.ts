/**
 * The one way the app writes CSV (docs/security.md "Inputs"): UTF-8 with a BOM (so a spreadsheet
 * reads Chinese), CRLF, RFC 4180 quoting — and a text cell that a spreadsheet would run as a
 * formula (it starts with =, +, -, @, a tab or a carriage return: a name a department or an
 * applicant typed, `=cmd|' /C calc'!A0`) is written with a leading apostrophe, so it stays text.
 * Numbers are written as numbers.
 */

const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(v: unknown): string {
  if (typeof v === 'number') return String(v);
  let s = v === null || v === undefined ? '' : String(v);
  if (FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvLine = (cells: readonly unknown[]): string => cells.map(csvCell).join(',') + '\r\n';

/** A whole small CSV (a report of rejected rows): BOM, a header, the rows. */
export const csvText = (rows: readonly (readonly unknown[])[]): string => '\uFEFF' + rows.map(csvLine).join('');
