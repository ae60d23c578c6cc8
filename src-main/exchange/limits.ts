/**
 * The bounds on what the office reads from outside (docs/security.md "Inputs"), in one place:
 * a department's CSV or XLSX and a package or backup from a USB stick. Each is far above what a
 * real file holds and far below what would hurt the workstation; a file beyond one is refused
 * (or, for a cell, its row rejected) with a message that names the row or entry and the bound.
 */
import type { ZipLimits } from '../shared/zip';

/** Characters in one cell: a name, an address, an item, a reason fit in a few hundred. A longer cell rejects its row. */
export const MAX_CELL_CHARS = 4000;

/** Characters in one record (a line, or lines joined by a quoted field): beyond it the file is refused, naming the row. */
export const MAX_LINE_CHARS = 100_000;

/** Columns in one row: a department's table has tens. A wider row is rejected. */
export const MAX_COLUMNS = 1000;

const MiB = 1 << 20;
const GiB = 1 << 30;

/**
 * An XLSX: its worksheet streamed (up to 1 GB of XML: a million rows), its shared strings held in
 * memory by exceljs (128 MB: the names and addresses of a county), everything else small. Real
 * sheets deflate 10–20 to 1 (an exceljs county file: 10.6); 100 leaves room and stops a bomb.
 */
export const XLSX_LIMITS: ZipLimits = {
  entries: 2000,
  entryBytes: GiB,
  totalBytes: 2 * GiB,
  ratio: 100,
  named: {
    'xl/sharedStrings.xml': 128 * MiB,
    'xl/styles.xml': 16 * MiB,
    'xl/workbook.xml': 16 * MiB,
    'xl/_rels/workbook.xml.rels': MiB,
    '[Content_Types].xml': MiB,
  },
};

/** A package's manifest is read whole: a county's export lists a few files. */
export const MANIFEST_BYTES = MiB;

/** Files a package may list (a backup: one; a verification request: two). */
export const PACKAGE_FILES = 64;

/**
 * A package or backup zip: flat (plain file names), a few entries, encrypted content (which does
 * not deflate: ratio about 1) or a department's CSV (under 20); a county's database fits in 32 GB.
 */
export const PACKAGE_LIMITS: ZipLimits = {
  entries: PACKAGE_FILES + 1,
  entryBytes: 32 * GiB,
  totalBytes: 32 * GiB,
  ratio: 100,
  named: { 'manifest.json': MANIFEST_BYTES },
  name: (n) => /^[^/\\.][^/\\]*$/.test(n) && n.length <= 200,
};
