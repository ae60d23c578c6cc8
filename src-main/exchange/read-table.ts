/**
 * Reads a departmental file as rows of text cells, streamed (issue 4 §1):
 * - CSV in UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030/GBK, detected and never asked:
 *   a BOM decides; otherwise bytes that are valid UTF-8 are UTF-8 (Node's `isUtf8`, exact),
 *   anything else is GB18030 (a superset of GBK and GB2312, decoded by ICU's TextDecoder).
 *   Only two encodings are in play, so strict validation beats a statistical detector.
 * - CSV parsing by papaparse, chosen by measurement (bench/README.md "## import": 1.4 s CPU per
 *   million rows against csv-parse's 5.0 s; uDSV was faster but merged ragged rows and broke
 *   quoted line breaks across chunks); a part of a file known to hold no quote character is
 *   split by lines and delimiters instead (`readPlainCsv`).
 * - XLSX through exceljs's streaming WorkbookReader (first worksheet); number cells are
 *   flagged so that an ID column a spreadsheet made numeric is rejected, not trusted.
 * Rows are numbered from 1 as a spreadsheet shows them (CSV: records, XLSX: sheet rows).
 */
import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { appError } from '../common/errors';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'gb18030';
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
   * it cannot, cells need trimming only (normalize.ts halfWidth costs a regex test a cell, a
   * second for a million-row file). Always true for XLSX.
   */
  wide: boolean;
  /** A split range only (`readPlainCsv`): the file's bytes read up to here, the rest of the range still to come. */
  endByte?: number;
}

/**
 * A byte range of a CSV file read on its own (a second reading thread, ./stage.ts): from `start`
 * (just after a line break) to `end`, its first record numbered `firstRow`, with the delimiter
 * and line break that papaparse guessed from the start of the file.
 */
export interface CsvRange {
  start: number;
  end: number;
  firstRow: number;
  delimiter: string;
  newline: string;
}

const WIDE_TEXT = /[\uFF01-\uFF5E\u3000\u00A0]/;

/**
 * Whether the first `n` bytes of UTF-8 hold what WIDE_TEXT finds (U+FF01–FF5E: EF BC 81–BF, EF BD 80–9E; U+3000: E3 80 80;
 * U+00A0: C2 A0), the two bytes before them (`edge`) included for a character that began in the piece before.
 */
function wideUtf8(b: Buffer, n: number, edge: number[]): boolean {
  const at = (i: number) => (i < 0 ? edge[2 + i] : i < n ? b[i] : -1);
  const from = (i: number) => {
    const c = at(i);
    if (c === 0xef) {
      const x = at(i + 1),
        y = at(i + 2);
      return (x === 0xbc && y >= 0x81 && y <= 0xbf) || (x === 0xbd && y >= 0x80 && y <= 0x9e);
    }
    if (c === 0xe3) return at(i + 1) === 0x80 && at(i + 2) === 0x80;
    return c === 0xc2 && at(i + 1) === 0xa0;
  };
  if (from(-2) || from(-1)) return true;
  const s = b.subarray(0, n);
  for (let i = s.indexOf(0xef); i >= 0; i = s.indexOf(0xef, i + 1)) if (from(i)) return true;
  for (let i = s.indexOf(0xe3); i >= 0; i = s.indexOf(0xe3, i + 1)) if (from(i)) return true;
  for (let i = s.indexOf(0xc2); i >= 0; i = s.indexOf(0xc2, i + 1)) if (from(i)) return true;
  return false;
}

const SAMPLE = 1 << 20;
/**
 * Read 48 KB at a time: each piece becomes one part of a large import (./stage.ts). A piece's text must stay under V8's
 * large-object size (128 KB; text with Chinese is two bytes a character): a larger string is allocated where only a full
 * collection frees it, so 256 KB pieces left ~100 MB of dead text per thread for forced collections to clear (0.25–0.35 s
 * of each reading thread, bench/README.md import). Pieces this small die young: the reading took a sixth less CPU.
 */
export const READ_CHUNK = 48 << 10;

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

/** The encoding of a CSV file, from its first megabyte. */
export function detectEncoding(file: string): Encoding {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE);
    const n = fs.readSync(fd, buf, 0, SAMPLE, 0);
    const s = buf.subarray(0, n);
    if (n >= 3 && s[0] === 0xef && s[1] === 0xbb && s[2] === 0xbf) return 'utf-8-bom';
    if (n >= 2 && s[0] === 0xff && s[1] === 0xfe) return 'utf-16le';
    const whole = n < SAMPLE;
    // A sample cut in the middle of a multi-byte character is still UTF-8: drop up to 3 bytes.
    for (let k = 0; k <= (whole ? 0 : 3); k++) if (isUtf8(s.subarray(0, n - k))) return 'utf-8';
    return 'gb18030';
  } finally {
    fs.closeSync(fd);
  }
}

const DECODER: Record<Encoding, string> = { 'utf-8': 'utf-8', 'utf-8-bom': 'utf-8', 'utf-16le': 'utf-16le', gb18030: 'gb18030' };

/** Decoded text chunks of about READ_CHUNK; a byte sequence invalid in the detected encoding stops the read. */
/** `wide`: for each piece yielded and not yet parsed, in order, whether it holds a full-width character or a no-break space. */
async function* textChunks(
  file: string,
  encoding: Encoding,
  signal: { cancelled: boolean; wide: boolean[]; ends?: number[] },
  range?: CsvRange,
): AsyncGenerator<string> {
  const fd = fs.openSync(file, 'r');
  try {
    // fatal: a GB18030 byte in a file we took for UTF-8 must not become U+FFFD silently.
    const td = new TextDecoder(DECODER[encoding], { fatal: encoding !== 'gb18030', ignoreBOM: false });
    const buf = Buffer.allocUnsafe(READ_CHUNK);
    const utf8 = DECODER[encoding] === 'utf-8';
    /** The last two bytes of the piece before, for a character that straddles two pieces. */
    const edge = [0, 0];
    let carried = false;
    let pos = range?.start ?? 0;
    const end = range?.end ?? Infinity;
    for (;;) {
      if (signal.cancelled) return;
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos);
      if (n === 0) break;
      let text: string;
      try {
        text = td.decode(buf.subarray(0, n), { stream: true });
      } catch {
        throw appError(
          'mixed_encoding',
          `The file is not valid ${encoding} after byte ${pos}: it mixes encodings. Save it again as UTF-8 or GB18030.`,
          `文件在第 ${pos} 字节之后不是有效的 ${encoding} 编码（混用了编码），请重新保存为 UTF-8 或 GB18030。`,
          'file',
        );
      }
      pos += n;
      // In UTF-8, looked for in the bytes (memchr-fast) rather than by a regex over the text: 70 ms less of a county file.
      const wide = utf8 ? wideUtf8(buf, n, edge) : WIDE_TEXT.test(text);
      if (utf8) {
        edge[0] = n > 1 ? buf[n - 2] : edge[1];
        edge[1] = buf[n - 1];
      }
      if (text) {
        signal.wide.push(wide || carried);
        carried = false;
        signal.ends?.push(pos);
        yield text;
      }
      // A wide character begun in this piece and ended in the next is decoded into the next one's text.
      else carried ||= wide;
      // Let the event loop turn between pieces: a worker must see its 'cancel' message.
      await new Promise((r) => setImmediate(r));
    }
    const tail = td.decode();
    if (tail) {
      signal.wide.push(WIDE_TEXT.test(tail));
      signal.ends?.push(pos);
      yield tail;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Streams the rows to `onBatch`, which returns false to stop early (preview, cancel).
 * Empty records are skipped but keep their row numbers.
 */
export function readCsv(file: string, encoding: Encoding, onBatch: (b: Batch) => boolean | void, range?: CsvRange): Promise<void> {
  if (range) return readPlainCsv(file, encoding, range, onBatch);
  return new Promise((resolve, reject) => {
    let next = 1;
    let failed = false;
    const signal = { cancelled: false, wide: [] as boolean[] };
    // Papaparse parses each piece of text once, in order, and calls `chunk` once for it (and once more, for the last line, at the
    // end); a batch's rows come from its piece and from the line the pieces before it left unfinished.
    let carry = false;
    const stream = Readable.from(textChunks(file, encoding, signal), { objectMode: true });
    stream.on('error', (e) => {
      failed = true;
      reject(e);
    });
    Papa.parse<string[]>(stream as unknown as NodeJS.ReadableStream as any, {
      chunk(res, parser) {
        if (failed) return;
        const rows = res.data;
        const first = next;
        next += rows.length;
        const piece = signal.wide.shift() ?? false,
          wide = carry || piece;
        carry = rows.length > 0 ? piece : wide;
        let go: boolean | void;
        try {
          go = onBatch({ firstRow: first, rows, wide });
        } catch (e) {
          failed = true;
          signal.cancelled = true;
          parser.abort();
          reject(e);
          return;
        }
        if (go === false) {
          signal.cancelled = true;
          parser.abort();
        }
      },
      complete() {
        if (!failed) resolve();
      },
      error(e: Error) {
        if (!failed) {
          failed = true;
          reject(e);
        }
      },
    });
  });
}

/**
 * A range of a file without a quote character (what splitCsv hands out), read without papaparse: a
 * record is a line, a cell what lies between delimiters, so splitting is all of it (a third less
 * time than papaparse for the same rows, bench/README.md import). Rows, numbers and batches are
 * papaparse's for the same text — one batch per piece of text with the lines it completes, the
 * last line alone at the end, no record after a final line break — so parts keep their rows
 * whichever reader read them (./stage.ts resumes by them).
 */
async function readPlainCsv(file: string, encoding: Encoding, range: CsvRange, onBatch: (b: Batch) => boolean | void): Promise<void> {
  const signal = { cancelled: false, wide: [] as boolean[], ends: [] as number[] };
  const { delimiter, newline } = range;
  let next = range.firstRow,
    carry = '',
    carryWide = false;
  const emit = (lines: string[], wide: boolean, endByte: number): boolean => {
    const rows: string[][] = new Array(lines.length);
    for (let i = 0; i < lines.length; i++) rows[i] = lines[i].split(delimiter);
    const first = next;
    next += rows.length;
    return onBatch({ firstRow: first, rows, wide, endByte }) !== false;
  };
  for await (const piece of textChunks(file, encoding, signal, range)) {
    const pieceWide = signal.wide.shift() ?? false,
      endByte = signal.ends.shift() ?? range.end;
    const lines = (carry + piece).split(newline);
    // The unfinished last line waits for the next piece; the batch's rows may hold text of the pieces before (`carryWide`).
    const wide: boolean = carryWide || pieceWide;
    carry = lines.pop()!;
    carryWide = lines.length > 0 ? pieceWide : wide;
    if (!emit(lines, wide, endByte)) {
      signal.cancelled = true;
      return;
    }
  }
  if (carry !== '') emit([carry], carryWide, range.end);
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

/** The first worksheet, streamed; batches of 5,000 rows. */
export async function readXlsx(file: string, onBatch: (b: Batch) => boolean | void): Promise<void> {
  // Loaded on demand: exceljs is heavy, and most departmental files are CSV.
  const ExcelJS = (await import('exceljs')).default;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  } as any);
  let rows: string[][] = [],
    numbers: number[] = [],
    numeric: (boolean[] | null)[] = [];
  const flush = () => {
    if (rows.length === 0) return true;
    const go = onBatch({ firstRow: numbers[0], rows, rowNumbers: numbers, numeric, wide: true });
    rows = [];
    numbers = [];
    numeric = [];
    return go !== false;
  };
  for await (const sheet of reader as any) {
    for await (const row of sheet as any) {
      const values = (row.values ?? []) as unknown[];
      const cells: string[] = [];
      let nums: boolean[] | null = null;
      for (let c = 1; c < values.length; c++) {
        const t = cellText(values[c]);
        cells.push(t.text);
        if (t.numeric) (nums ??= [])[c - 1] = true;
      }
      rows.push(cells);
      numbers.push(row.number);
      numeric.push(nums);
      if (rows.length >= 5000 && !flush()) return;
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

const SCAN = 1 << 20;

/**
 * Two parts of a CSV file that two threads can read apart and number exactly as one thread
 * would: split at the first line break after the fraction `at` of its bytes, the second half's first record
 * numbered by the line breaks before it. Only where that is certain: a file without a single
 * quote character (a quoted field may hold a line break, and only reading from the start tells
 * whether a line break is inside one), in UTF-8 or GB18030 (no byte of a multi-byte character
 * is a quote or a line feed there), with `\n` or `\r\n` line breaks. Otherwise null: one thread
 * reads it all. Costs one pass over the file's bytes (~50 ms for 100 MB in the page cache).
 */
export function splitCsv(file: string, encoding: Encoding, at = 0.5): [CsvRange, CsvRange] | null {
  if (encoding === 'utf-16le') return null;
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(Math.max(SCAN, READ_CHUNK));
    // The delimiter and line break papaparse guesses from the first piece of text a one-thread read gives it.
    const n0 = fs.readSync(fd, buf, 0, READ_CHUNK, 0);
    const meta = Papa.parse<string[]>(new TextDecoder(DECODER[encoding]).decode(buf.subarray(0, n0), { stream: true }), {
      preview: 1,
    }).meta;
    const newline = meta.linebreak;
    if (newline !== '\n' && newline !== '\r\n') return null;
    let split = -1,
      records = 0,
      last = 0;
    for (let pos = 0; pos < size; pos += SCAN) {
      const n = fs.readSync(fd, buf, 0, SCAN, pos);
      const b = buf.subarray(0, n);
      if (b.indexOf(0x22) >= 0) return null;
      if (split < 0 && pos + n > size * at) {
        for (let i = Math.max(0, Math.floor(size * at) - pos); i < n; i++) {
          if (b[i] === 0x0a && (newline === '\n' || (i > 0 ? b[i - 1] : last) === 0x0d)) {
            split = pos + i + 1;
            break;
          }
        }
      }
      // Records before the split: its line breaks, counted up to it.
      const upTo = split < 0 ? n : Math.max(0, Math.min(n, split - pos));
      for (let i = b.indexOf(0x0a); i >= 0 && i < upTo; i = b.indexOf(0x0a, i + 1)) {
        if (newline === '\n' || (i > 0 ? b[i - 1] : last) === 0x0d) records++;
      }
      last = n > 0 ? b[n - 1] : last;
    }
    if (split < 0 || split >= size) return null;
    const common = { delimiter: meta.delimiter, newline };
    // The first part ends before the line break: ending with one, papaparse would read an empty record after it, numbered as the second part's first.
    return [
      { start: 0, end: split - newline.length, firstRow: 1, ...common },
      { start: split, end: size, firstRow: records + 1, ...common },
    ];
  } finally {
    fs.closeSync(fd);
  }
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
      rows.push(b.rows[i]);
      rowNumbers.push(b.rowNumbers ? b.rowNumbers[i] : b.firstRow + i);
      numeric.push(b.numeric ? b.numeric[i] : null);
    }
    return rows.length < n;
  });
  return { rows, rowNumbers, numeric };
}
