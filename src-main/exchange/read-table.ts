/**
 * A department's file as rows of text cells, streamed: CSV (./csv.ts: encoding detected,
 * papaparse) or XLSX through exceljs's streaming reader (the first worksheet; number cells are
 * flagged, so that an ID column a spreadsheet made numeric is rejected, not trusted). Rows are
 * numbered from 1 as a spreadsheet shows them (CSV: records, XLSX: sheet rows).
 */
import fs from 'node:fs';
import type { CellValue } from 'exceljs';
import { AppError, appError, errorMessage } from '../common/errors';
import { MAX_COLUMNS } from './limits';
import { detectEncoding, readCsv, type CsvRange, type Encoding } from './csv';
import { cellProblem, type RowProblem } from './csv-checks';
import { checkXlsx } from './xlsx-check';

export { detectEncoding, splitCsv, readCsv, type CsvRange, type Encoding } from './csv';
export type { RowProblem } from './csv-checks';
export type Format = 'csv' | 'xlsx';

export interface Batch {
  /** Row number of rows[0]; rows are consecutive unless `rowNumbers` is given (XLSX gaps). */
  firstRow: number;
  rows: string[][];
  rowNumbers?: number[];
  /** XLSX only: per row, which cells were numbers. */
  numeric?: (boolean[] | null)[];
  /**
   * Whether the text of these rows may hold a full-width character or a no-break space: where
   * it cannot, cells need trimming only (normalize.ts halfWidth costs a regex test a cell).
   * Always true for XLSX.
   */
  wide: boolean;
  /** A split range only (`readPlainCsv`): the file's bytes read up to here, the rest of the range still to come. */
  endByte?: number;
  /** Rows to reject without reading their cells (./csv-checks.ts): a cell too long, a row too wide, a misplaced quote. */
  bad?: (RowProblem | undefined)[];
}

export function detectFormat(file: string, name = file): Format {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(4);
    fs.readSync(fd, b, 0, 4, 0);
    // XLSX is a zip ("PK\3\4"); the name alone can lie.
    if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4) return 'xlsx';
    if (/\.xls$/i.test(name))
      throw appError(
        'xls_unsupported',
        'Old .xls files are not supported: save it as .xlsx or CSV.',
        '不支持旧版 .xls 文件，请另存为 .xlsx 或 CSV。',
        'file',
      );
    return 'csv';
  } finally {
    fs.closeSync(fd);
  }
}

function cellText(v: unknown): { text: string; numeric: boolean } {
  if (v === null || v === undefined) return { text: '', numeric: false };
  if (typeof v === 'number') return { text: String(v), numeric: true };
  if (typeof v === 'string') return { text: v, numeric: false };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', numeric: false };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), numeric: false };
  const o = v as { richText?: { text: string }[]; text?: string; result?: unknown; error?: string };
  if (o.richText) return { text: o.richText.map((r) => r.text).join(''), numeric: false };
  if ('result' in o) return cellText(o.result);
  if (typeof o.text === 'string') return { text: o.text, numeric: false };
  return { text: String(v), numeric: false };
}

/** Rows per batch of a worksheet: a CSV part's worth. */
const XLSX_BATCH = 5000;

/** The first worksheet, streamed. */
export async function readXlsx(file: string, onBatch: (b: Batch) => boolean | void): Promise<void> {
  // Entries, sizes and ratios checked before exceljs inflates anything (docs/security.md "Inputs").
  await checkXlsx(file);
  try {
    await readSheet(file, onBatch);
  } catch (e) {
    // A zip within bounds can still hold XML exceljs cannot read (damaged, or not a spreadsheet): said as such, never a stack trace.
    if (e instanceof AppError) throw e;
    const why = errorMessage(e).slice(0, 200);
    throw appError(
      'xlsx_damaged',
      `The file could not be read as a spreadsheet (${why}): open it in Excel or WPS and save it again as .xlsx, or as CSV.`,
      `无法按电子表格读取该文件（${why}），请用 Excel 或 WPS 打开后重新另存为 .xlsx 或 CSV。`,
      'file',
    );
  }
}

async function readSheet(file: string, onBatch: (b: Batch) => boolean | void): Promise<void> {
  // Loaded on demand: exceljs is heavy, and most departmental files are CSV.
  const ExcelJS = (await import('exceljs')).default;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let rows: string[][] = [],
    numbers: number[] = [],
    numeric: (boolean[] | null)[] = [],
    bad: (RowProblem | undefined)[] | undefined;
  const flush = () => {
    if (rows.length === 0) return true;
    const go = onBatch({ firstRow: numbers[0], rows, rowNumbers: numbers, numeric, wide: true, ...(bad ? { bad } : {}) });
    rows = [];
    numbers = [];
    numeric = [];
    bad = undefined;
    return go !== false;
  };
  for await (const sheet of reader) {
    for await (const row of sheet) {
      // A sparse array from column 1 (anything else holds no cells a row could be read from).
      const values: CellValue[] = Array.isArray(row.values) ? row.values : [];
      const cells: string[] = [];
      let nums: boolean[] | null = null;
      // A row wider than any table is rejected before its cells are made (./csv-checks.ts).
      for (let c = 1; c < Math.min(values.length, MAX_COLUMNS + 2); c++) {
        const t = cellText(values[c]);
        cells.push(t.text);
        if (t.numeric) (nums ??= [])[c - 1] = true;
      }
      const problem = cellProblem(cells);
      if (problem) (bad ??= [])[rows.length] = problem;
      rows.push(cells);
      numbers.push(row.number);
      numeric.push(nums);
      if (rows.length >= XLSX_BATCH && !flush()) return;
    }
    flush();
    return; // the first worksheet only
  }
}

export function readTable(
  file: string,
  format: Format,
  encoding: Encoding | null,
  onBatch: (b: Batch) => boolean | void,
  range?: CsvRange,
): Promise<void> {
  return format === 'xlsx' ? readXlsx(file, onBatch) : readCsv(file, encoding ?? detectEncoding(file), onBatch, range);
}

/** The first `n` rows (preview, header detection). */
export async function firstRows(
  file: string,
  format: Format,
  encoding: Encoding | null,
  n: number,
): Promise<{ rows: string[][]; rowNumbers: number[]; numeric: (boolean[] | null)[] }> {
  const rows: string[][] = [],
    rowNumbers: number[] = [],
    numeric: (boolean[] | null)[] = [];
  await readTable(file, format, encoding, (b) => {
    for (let i = 0; i < b.rows.length && rows.length < n; i++) {
      // A rejected row is shown cut short: the preview is a glance, not the place for a cell of a megabyte.
      rows.push(b.bad?.[i] ? b.rows[i].slice(0, 50).map((c) => (c.length > 200 ? `${c.slice(0, 200)}…` : c)) : b.rows[i]);
      rowNumbers.push(b.rowNumbers ? b.rowNumbers[i] : b.firstRow + i);
      numeric.push(b.numeric ? b.numeric[i] : null);
    }
    return rows.length < n;
  });
  return { rows, rowNumbers, numeric };
}

/** Every row of a small file (a calendar): its number and cells, trimmed, blank rows left out; read as any import's file is. */
export async function allRows(file: string, name = file): Promise<{ row: number; cells: string[] }[]> {
  const format = detectFormat(file, name);
  const out: { row: number; cells: string[] }[] = [];
  await readTable(file, format, format === 'csv' ? detectEncoding(file) : null, (b) => {
    b.rows.forEach((cells, i) => {
      const trimmed = cells.map((c) => c.trim());
      if (!trimmed.some((c) => c !== '')) return;
      const row = b.rowNumbers ? b.rowNumbers[i] : b.firstRow + i;
      // A small file read whole (a calendar): a row that cannot be read refuses the file, naming it.
      const bad = b.bad?.[i];
      if (bad) throw appError('row_unreadable', `Row ${row}: ${bad.en}`, `第 ${row} 行：${bad.zh}`, 'file');
      out.push({ row, cells: trimmed });
    });
  });
  return out;
}
