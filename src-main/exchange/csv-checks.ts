/**
 * What the CSV reader (./csv.ts) refuses and rejects, apart from the reading itself
 * (docs/security.md "Inputs"): a record past MAX_LINE_CHARS refuses the file, naming its row; a
 * cell past MAX_CELL_CHARS or a row past MAX_COLUMNS rejects its row; a quote papaparse reports
 * as misplaced rejects every line it joined, each by its number — so the rows read and the rows
 * rejected add up to the file's lines, and nothing is lost without a word.
 */
import { appError, type AppError } from '../common/errors';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_LINE_CHARS } from './limits';

/** Why a row is rejected before its cells are read: the column (0-based; −1 the whole row) and the reason in both languages. */
export interface RowProblem {
  column: number;
  zh: string;
  en: string;
}

const n = (x: number) => x.toLocaleString('en-US');

export function lineTooLong(row: number): AppError {
  return appError(
    'line_too_long',
    `Row ${row} is longer than ${n(MAX_LINE_CHARS)} characters (perhaps a quote that is never closed joins it to the lines after it): the file was not imported. Check row ${row}.`,
    `第 ${row} 行超过 ${n(MAX_LINE_CHARS)} 个字符（可能有未闭合的引号把后面的行连在了一起），文件未导入，请检查第 ${row} 行。`,
    'file',
  );
}

/** The row's problem when a cell is too long or the row too wide, else undefined (the usual case, one length test a cell). */
export function cellProblem(cells: string[]): RowProblem | undefined {
  if (cells.length > MAX_COLUMNS)
    return {
      column: -1,
      en: `The row has ${n(cells.length)} columns (at most ${n(MAX_COLUMNS)}); it was not read.`,
      zh: `该行有 ${cells.length} 列（最多 ${MAX_COLUMNS} 列），未读取。`,
    };
  for (let c = 0; c < cells.length; c++)
    if (cells[c].length > MAX_CELL_CHARS)
      return {
        column: c,
        en: `The cell has ${n(cells[c].length)} characters (at most ${n(MAX_CELL_CHARS)}); the row was not read.`,
        zh: `该单元格有 ${cells[c].length} 个字符（最多 ${MAX_CELL_CHARS} 个），本行未读取。`,
      };
  return undefined;
}

/** Each row's problem (cells too long, too many), or undefined when no row has one. */
export function cellProblems(rows: string[][]): (RowProblem | undefined)[] | undefined {
  let out: (RowProblem | undefined)[] | undefined;
  for (let i = 0; i < rows.length; i++) {
    const p = cellProblem(rows[i]);
    if (p) (out ??= [])[i] = p;
  }
  return out;
}

/** Papaparse's errors as they come with a piece. */
export interface ParseError {
  type: string;
  row?: number;
}

/** The rows of this piece (indexes) a quote error names; errors of the unfinished line papaparse keeps for later name no row here. */
export function quoteErrorRows(errors: ParseError[], rows: number): Set<number> | null {
  let out: Set<number> | null = null;
  for (const e of errors) if (e.type === 'Quotes' && e.row !== undefined && e.row >= 0 && e.row < rows) (out ??= new Set()).add(e.row);
  return out;
}

function quoteProblem(first: number, last: number): RowProblem {
  return first === last
    ? {
        column: -1,
        en: `A quote (") in this row is misplaced, so its cells cannot be told apart: the row was not read. Correct the quote and import the row again.`,
        zh: `本行的引号（"）位置不对，无法分清各单元格，本行未读取；请改正引号后重新导入本行。`,
      }
    : {
        column: -1,
        en: `A quote (") in row ${first} is not closed where it should be, so rows ${first}–${last} were read as one cell: none of them was read. Correct the quote and import these rows again.`,
        zh: `第 ${first} 行的引号（"）没有在应有的位置闭合，第 ${first}–${last} 行被读成了一个单元格，均未读取；请改正引号后重新导入这些行。`,
      };
}

/**
 * The piece's rows with each record a quote error names split back into the lines it joined
 * (each a row of one cell, numbered, rejected with the same reason), the rows' numbers, their
 * problems, and the number the next record takes.
 */
export function splitQuoted(
  rows: string[][],
  bad: Set<number>,
  first: number,
  delimiter: string,
): { rows: string[][]; numbers: number[]; problems: (RowProblem | undefined)[]; next: number } {
  const out: string[][] = [],
    numbers: number[] = [],
    problems: (RowProblem | undefined)[] = [];
  let row = first;
  for (let i = 0; i < rows.length; i++) {
    if (!bad.has(i)) {
      out.push(rows[i]);
      numbers.push(row++);
      problems.push(cellProblem(rows[i]));
      continue;
    }
    // The record's text again, and its lines: a line break inside a field is one the quote swallowed.
    const lines = rows[i].join(delimiter).split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    const p = quoteProblem(row, row + lines.length - 1);
    for (const line of lines) {
      out.push([line.replace(/\r$/, '')]);
      numbers.push(row++);
      problems.push(p);
    }
  }
  return { rows: out, numbers, problems, next: row };
}
