/**
 * CSV as departments send it: UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030/GBK, detected
 * and never asked — a BOM decides; otherwise bytes that are valid UTF-8 are UTF-8 (exact), and
 * anything else is GB18030 (a superset of GBK and GB2312, decoded by ICU's TextDecoder): with
 * only two encodings in play, strict validation beats a statistical detector. Parsed by
 * papaparse — the app's one CSV parser, chosen by measurement (bench/README.md "## import") —
 * or, for a share of a file known to hold no quote character, split by lines and delimiters
 * (`readPlainCsv`), with papaparse's rows, numbers and batches.
 */
import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { appError } from '../common/errors';
import { READ_CHUNK } from './tuning';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_LINE_CHARS } from './limits';
import { cellProblem, cellProblems, lineTooLong, quoteErrorRows, splitQuoted, type RowProblem } from './csv-checks';
import type { Batch } from './read-table';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'gb18030';

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

export const WIDE_TEXT = /[\uFF01-\uFF5E\u3000\u00A0]/;

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
/** Bytes looked at to tell the encoding; bytes read at a time to split a file. */
const SAMPLE = 1 << 20;

/** The encoding of a CSV file, from its first megabyte. */
export function detectEncoding(file: string): Encoding {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE);
    const n = fs.readSync(fd, buf, 0, SAMPLE, 0);
    const s = buf.subarray(0, n);
    if (n >= 3 && s[0] === 0xef && s[1] === 0xbb && s[2] === 0xbf) return 'utf-8-bom';
    if (n >= 2 && s[0] === 0xff && s[1] === 0xfe) return 'utf-16le';
    // A department's table is text: NUL bytes mean a binary file (a document, an image, an old .xls) under another name.
    const nul = s.indexOf(0);
    if (nul >= 0)
      throw appError(
        'not_a_table',
        `This file is not a text table (it holds binary data at byte ${nul}): choose the CSV or XLSX the department sent.`,
        `该文件不是文本表格（第 ${nul} 字节处是二进制数据），请选择部门提供的 CSV 或 XLSX 文件。`,
        'file',
      );
    const whole = n < SAMPLE;
    // A sample cut in the middle of a multi-byte character is still UTF-8: drop up to 3 bytes. So is a whole file cut so (sent
    // short): read as UTF-8, it is then refused at its end as cut short, not read as GB18030 and garbled.
    for (let k = 0; k <= 3; k++)
      if (isUtf8(s.subarray(0, n - k)) && (k === 0 || !whole || s.subarray(0, n - k).some((c) => c >= 0x80))) return 'utf-8';
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
  signal: { cancelled: boolean; wide: boolean[]; ends?: number[]; lengths?: number[] },
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
      // In UTF-8, looked for in the bytes (memchr-fast), cheaper than a regex over the text.
      const wide = utf8 ? wideUtf8(buf, n, edge) : WIDE_TEXT.test(text);
      if (utf8) {
        edge[0] = n > 1 ? buf[n - 2] : edge[1];
        edge[1] = buf[n - 1];
      }
      if (text) {
        signal.wide.push(wide || carried);
        carried = false;
        signal.ends?.push(pos);
        signal.lengths?.push(text.length);
        yield text;
      }
      // A wide character begun in this piece and ended in the next is decoded into the next one's text.
      else carried ||= wide;
      // Let the event loop turn between pieces: a worker must see its 'cancel' message.
      await new Promise((r) => setImmediate(r));
    }
    let tail: string;
    try {
      tail = td.decode();
    } catch {
      throw appError(
        'mixed_encoding',
        `The file ends inside a ${encoding} character (byte ${pos}): it was cut short. Save it again and send it whole.`,
        `文件在第 ${pos} 字节处结束于半个 ${encoding} 字符，文件不完整，请重新保存完整的文件。`,
        'file',
      );
    }
    if (tail) {
      signal.wide.push(WIDE_TEXT.test(tail));
      signal.ends?.push(pos);
      signal.lengths?.push(tail.length);
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
    const signal = { cancelled: false, wide: [] as boolean[], lengths: [] as number[] };
    const fail = (e: unknown, parser?: Papa.Parser) => {
      failed = true;
      signal.cancelled = true;
      parser?.abort();
      reject(e);
    };
    // Papaparse parses each piece of text once, in order, and calls `chunk` once for it (and once more, for the last line, at the
    // end); a batch's rows come from its piece and from the line the pieces before it left unfinished.
    let carry = false;
    /** Characters handed to papaparse so far: beyond its cursor lies the unfinished record it parses again with each piece. */
    let fed = 0;
    const stream = Readable.from(textChunks(file, encoding, signal), { objectMode: true });
    stream.on('error', (e) => fail(e));
    Papa.parse<string[], NodeJS.ReadableStream>(stream, {
      chunk(res, parser) {
        if (failed) return;
        fed += signal.lengths.shift() ?? 0;
        const rows = res.data;
        const first = next;
        const piece = signal.wide.shift() ?? false,
          wide = carry || piece;
        carry = rows.length > 0 ? piece : wide;
        const batch: Batch = { firstRow: first, rows, wide };
        // Papaparse's errors are rows rejected, never rows lost (docs/security.md "Inputs").
        const quoted = quoteErrorRows(res.errors, rows.length);
        if (quoted) {
          const x = splitQuoted(rows, quoted, first, res.meta.delimiter);
          Object.assign(batch, { rows: x.rows, rowNumbers: x.numbers, bad: x.problems });
          next = x.next;
        } else {
          next += rows.length;
          const bad = cellProblems(rows);
          if (bad) batch.bad = bad;
        }
        // An unfinished record papaparse would parse again with every piece (quadratic): refused past MAX_LINE_CHARS.
        if (fed - res.meta.cursor > MAX_LINE_CHARS) return fail(lineTooLong(next), parser);
        let go: boolean | void;
        try {
          go = onBatch(batch);
        } catch (e) {
          return fail(e, parser);
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
        if (!failed) fail(e);
      },
    });
  });
}

/**
 * A range of a file without a quote character (what splitCsv hands out), read without papaparse: a
 * record is a line, a cell what lies between delimiters, so splitting is all of it (less time
 * than papaparse for the same rows, bench/README.md import). Rows, numbers and batches are
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
    let bad: (RowProblem | undefined)[] | undefined;
    for (let i = 0; i < lines.length; i++) {
      rows[i] = lines[i].split(delimiter);
      // Only a line longer than a cell may hold a cell too long (one length test a line).
      if (lines[i].length > MAX_CELL_CHARS || rows[i].length > MAX_COLUMNS) {
        const p = cellProblem(rows[i]);
        if (p) (bad ??= [])[i] = p;
      }
    }
    const first = next;
    next += rows.length;
    return onBatch({ firstRow: first, rows, wide, endByte, ...(bad ? { bad } : {}) }) !== false;
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
    // Joined with every piece while it lasts: an endless line is refused before that turns quadratic.
    if (carry.length > MAX_LINE_CHARS) {
      signal.cancelled = true;
      throw lineTooLong(next);
    }
  }
  if (carry !== '') emit([carry], carryWide, range.end);
}

/**
 * Two parts of a CSV file that two threads can read apart and number exactly as one thread
 * would: split at the first line break after the fraction `at` of its bytes, the second half's first record
 * numbered by the line breaks before it. Only where that is certain: a file without a single
 * quote character (a quoted field may hold a line break, and only reading from the start tells
 * whether a line break is inside one), in UTF-8 or GB18030 (no byte of a multi-byte character
 * is a quote or a line feed there), with `\n` or `\r\n` line breaks. Otherwise null: one thread
 * reads it all. Costs one pass over the file's bytes.
 */
export function splitCsv(file: string, encoding: Encoding, at = 0.5): [CsvRange, CsvRange] | null {
  if (encoding === 'utf-16le') return null;
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(Math.max(SAMPLE, READ_CHUNK));
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
    for (let pos = 0; pos < size; pos += SAMPLE) {
      const n = fs.readSync(fd, buf, 0, SAMPLE, pos);
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
