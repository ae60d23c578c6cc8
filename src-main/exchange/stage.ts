/**
 * Staging (ASSISTANCE-RULES §6, all-or-nothing): every data row of the file is validated and
 * written to `exchange_rows` (or its problem to `exchange_rejects`) in batches, each batch in
 * its own transaction together with the resume marker `staged_rows`. A killed process leaves
 * staged rows only — nothing in the registry or the warnings — and the next run skips the rows
 * already staged. Matching to registry persons is done here against an in-memory index of
 * active ID numbers (one query, then O(1) per row), so that a million rows need no million
 * look-ups; apply re-checks each match by primary key.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { readTable, type Encoding, type Format } from './read-table';
import { checkIdCell, halfWidth } from './normalize';
import { profileOf, type RowValues } from './profiles';

export interface StageJob {
  importId: number;
  file: string;
  format: Format;
  encoding: Encoding | null;
  source: string;
  /** Row number of the header; rows above it are titles. */
  headerRow: number;
  header: string[];
  /** field key → column index */
  index: Record<string, number>;
  today: string;
}

/**
 * What apply would count in SQL (accepted rows, distinct matched members, distinct unknown ID
 * numbers), counted while staging. Valid only when this run staged every row of the import
 * (`complete`): a resumed import or one re-staged from an earlier run is counted by apply in SQL.
 */
export interface StageTally { complete: boolean; accepted: number; matched: number; unknown: number }

export interface StageProgress { rowsRead: number; staged: number; rejected: number; estimatedTotal: number }

/**
 * Active registry persons: ID number → slot, in typed arrays only (≈14 MB for 500k people).
 * An ID number of the form looked up (17 digits and a digit or X — what checkIdCell returns)
 * is packed into two int32 keys (first 9 digits; next 8 digits × 11 + check value), kept in an
 * open-addressing table: no string Map of half a million entries to build and hash. Registry
 * numbers of any other form can never equal a checked ID number and are left out.
 */
export class PersonIndex {
  memberIds: Int32Array;
  householdIds: Int32Array;
  private hi: Int32Array;
  private lo: Int32Array;
  private table: Int32Array;
  private mask: number;
  private n = 0;
  constructor(raw: BetterSqlite3.Database) {
    // One row out of SQLite: every active person packed by SQLite into one text ("<id number><member id> <household id>,"
    // per person) and parsed here, instead of a JS array per person (the scan alone cost 0.7 s for 500k people).
    // NOT INDEXED: a table scan in rowid order; the partial index on active ID numbers jumps to each row at random.
    const text = (raw.prepare(`SELECT group_concat(id_number || id || ' ' || household_id, ',') FROM members NOT INDEXED
      WHERE active = 1 AND id_number GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9X]'`).pluck().get() as string | null) ?? '';
    let cap = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) cap++;
    if (text.length > 0) cap++;
    this.memberIds = new Int32Array(cap);
    this.householdIds = new Int32Array(cap);
    this.hi = new Int32Array(cap);
    this.lo = new Int32Array(cap);
    let size = 16;
    while (size < cap * 2) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
    let pos = 0;
    while (pos < text.length) {
      const hi = keyHi(text, pos), lo = keyLo(text, pos);
      pos += 18;
      let member = 0, household = 0, c: number;
      while ((c = text.charCodeAt(pos++)) !== 32) member = member * 10 + (c - 48);
      while (pos < text.length && (c = text.charCodeAt(pos++)) !== 44) household = household * 10 + (c - 48);
      this.add(hi, lo, member, household);
    }
  }
  private add(hi: number, lo: number, member: number, household: number) {
    let h = hash(hi, lo) & this.mask;
    for (;;) {
      const s = this.table[h] - 1;
      if (s < 0) break;
      if (this.hi[s] === hi && this.lo[s] === lo) { this.memberIds[s] = member; this.householdIds[s] = household; return; } // as Map.set: the last wins
      h = (h + 1) & this.mask;
    }
    const s = this.n++;
    this.hi[s] = hi; this.lo[s] = lo; this.memberIds[s] = member; this.householdIds[s] = household;
    this.table[h] = s + 1;
  }
  /** Slot of an ID number (as checkIdCell returns it), or -1. */
  find(id: string): number {
    if (id.length !== 18 || !ID_FORM.test(id)) return -1;
    const hi = keyHi(id, 0), lo = keyLo(id, 0);
    let h = hash(hi, lo) & this.mask;
    for (;;) {
      const s = this.table[h] - 1;
      if (s < 0) return -1;
      if (this.hi[s] === hi && this.lo[s] === lo) return s;
      h = (h + 1) & this.mask;
    }
  }
}

const ID_FORM = /^\d{17}[\dX]$/;

/** A set of checked ID numbers (17 digits and a digit or X), as packed int32 pairs: the distinct unknown persons. */
class IdSet {
  private hi = new Int32Array(1024);
  private lo = new Int32Array(1024);
  private used = new Uint8Array(1024);
  private mask = 1023;
  size = 0;
  /** True when the ID number was not in the set yet. */
  add(id: string): boolean {
    const hi = keyHi(id, 0), lo = keyLo(id, 0);
    let h = hash(hi, lo) & this.mask;
    while (this.used[h]) {
      if (this.hi[h] === hi && this.lo[h] === lo) return false;
      h = (h + 1) & this.mask;
    }
    this.used[h] = 1; this.hi[h] = hi; this.lo[h] = lo;
    if (++this.size * 2 > this.mask) this.grow();
    return true;
  }
  private grow() {
    const { hi, lo, used } = this;
    const size = (this.mask + 1) * 2;
    this.hi = new Int32Array(size); this.lo = new Int32Array(size); this.used = new Uint8Array(size); this.mask = size - 1;
    for (let i = 0; i < used.length; i++) {
      if (!used[i]) continue;
      let h = hash(hi[i], lo[i]) & this.mask;
      while (this.used[h]) h = (h + 1) & this.mask;
      this.used[h] = 1; this.hi[h] = hi[i]; this.lo[h] = lo[i];
    }
  }
}
function keyHi(s: string, at: number): number {
  let v = 0;
  for (let i = at; i < at + 9; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}
function keyLo(s: string, at: number): number {
  let v = 0;
  for (let i = at + 9; i < at + 17; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  const c = s.charCodeAt(at + 17);
  return v * 11 + (c === 88 ? 10 : c - 48);
}
function hash(hi: number, lo: number): number {
  let h = Math.imul(hi, 0x9e3779b1) ^ Math.imul(lo ^ (lo >>> 13), 0x85ebca6b);
  h ^= h >>> 16;
  return Math.imul(h, 0x7feb352d) ^ (h >>> 15);
}

const BATCH = 50_000;
/** Rows per multi-row INSERT (12 parameters each). */
const GROUP = 64;

/** Staged rows into `exchange_rows`, GROUP at a time through one multi-row INSERT (one call into SQLite per GROUP rows). */
class RowInserter {
  private pending: unknown[] = [];
  private one: BetterSqlite3.Statement;
  private group: BetterSqlite3.Statement;
  constructor(raw: BetterSqlite3.Database, private columns: string[]) {
    const sql = (rows: number) => `INSERT OR REPLACE INTO exchange_rows (${columns.join(', ')}) VALUES ${Array(rows).fill(`(${columns.map(() => '?').join(', ')})`).join(', ')}`;
    this.one = raw.prepare(sql(1));
    this.group = raw.prepare(sql(GROUP));
  }
  add(...values: unknown[]): void {
    for (let i = 0; i < values.length; i++) this.pending.push(values[i]);
    if (this.pending.length === GROUP * this.columns.length) { this.group.run(this.pending); this.pending.length = 0; }
  }
  flush(): void {
    const n = this.columns.length;
    for (let k = 0; k < this.pending.length; k += n) this.one.run(this.pending.slice(k, k + n));
    this.pending.length = 0;
  }
  drop(): void {
    this.pending.length = 0;
  }
}

/** An empty record (papaparse gives [''] for a blank line) or one of blank cells. */
function blank(cells: string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i].trim() !== '') return false;
  return true;
}

/**
 * Stages the file; returns when every row is read (status → 'staged') or `cancelled()` says
 * stop (status stays 'staging', resumable). Progress is reported after each batch.
 */
export async function stageFile(raw: BetterSqlite3.Database, job: StageJob, onProgress: (p: StageProgress) => void, cancelled: () => boolean = () => false, tally?: StageTally): Promise<'staged' | 'cancelled'> {
  const p = profileOf(job.source);
  const imp = raw.prepare(`SELECT staged_rows, rows_read, bytes FROM exchange_imports WHERE id = ?`).get(job.importId) as { staged_rows: number; rows_read: number; bytes: number };
  const resumeAfter = imp.staged_rows;
  const persons = new PersonIndex(raw);
  // Rows of unknown persons (most of a department's file) carry no match, detail or rule: they
  // go through a statement without those columns — each bound value costs (bench/README.md).
  const matchedRows = new RowInserter(raw, ['import_id', 'row', 'id_number', 'name', 'member_id', 'household_id', 'category', 'event_date', 'evidence_key', 'amount_fen', 'detail', 'rule']);
  const unknownRows = new RowInserter(raw, ['import_id', 'row', 'id_number', 'name', 'category', 'event_date', 'evidence_key', 'amount_fen']);
  const flushRows = () => { matchedRows.flush(); unknownRows.flush(); };
  const dropRows = () => { matchedRows.drop(); unknownRows.drop(); };
  const insReject = raw.prepare(`INSERT INTO exchange_rejects (import_id, row, "column", reason, reason_en) VALUES (?, ?, ?, ?, ?)`);
  const mark = raw.prepare(`UPDATE exchange_imports SET staged_rows = ?, rows_read = ? WHERE id = ?`);
  const counts = raw.prepare(`SELECT (SELECT COUNT(*) FROM exchange_rows WHERE import_id = ?) AS staged, (SELECT COUNT(*) FROM exchange_rejects WHERE import_id = ?) AS rejected`).get(job.importId, job.importId) as { staged: number; rejected: number };

  // Every row of the import is staged by this run: nothing was there before it.
  const complete = resumeAfter === 0 && counts.staged === 0;
  const seenMember = new Uint8Array(persons.memberIds.length);
  const unknownIds = new IdSet();
  let matchedPersons = 0;
  const idCol = job.index.idNumber;
  const nameCol = job.index.name;
  const fields = Object.entries(job.index).filter(([k]) => k !== 'idNumber');
  const fieldKeys = fields.map(([k]) => k), fieldCols = fields.map(([, c]) => c);
  const colName = (key: string) => job.header[job.index[key]] ?? key;
  const idHeader = colName('idNumber');

  // Writes go straight into an open transaction, committed every BATCH rows with the resume
  // marker: a kill mid-batch rolls that batch back and the marker still points before it.
  let inTx = false, sinceCommit = 0;
  let rowsRead = 0, lastRow = resumeAfter, staged = counts.staged, rejected = counts.rejected;
  let bytesPerRow = 0;
  const begin = () => { if (!inTx) { raw.exec('BEGIN'); inTx = true; } };
  const commit = () => {
    if (!inTx) return;
    flushRows();
    mark.run(Math.max(lastRow, resumeAfter), rowsRead, job.importId);
    raw.exec('COMMIT');
    inTx = false;
    sinceCommit = 0;
    onProgress({ rowsRead, staged, rejected, estimatedTotal: bytesPerRow > 0 ? Math.max(rowsRead, Math.round(imp.bytes / bytesPerRow)) : rowsRead });
  };

  let stop = false;
  try {
    await readTable(job.file, job.format, job.encoding, (b) => {
    if (bytesPerRow === 0 && b.rows.length > 10) bytesPerRow = b.rows.slice(0, 200).reduce((s, r) => s + r.join(',').length * 1.6 + 1, 0) / Math.min(200, b.rows.length);
    for (let i = 0; i < b.rows.length; i++) {
      const rowNo = b.rowNumbers ? b.rowNumbers[i] : b.firstRow + i;
      if (rowNo <= job.headerRow) continue;
      const cells = b.rows[i];
      if (blank(cells)) continue;
      rowsRead++;
      if (rowNo <= resumeAfter) continue;
      lastRow = rowNo;
      const id = checkIdCell(cells[idCol] ?? '', job.today, b.numeric?.[i]?.[idCol] === true);
      if (!id.ok) {
        begin();
        insReject.run(job.importId, rowNo, idHeader, id.problem.zh, id.problem.en);
        rejected++; sinceCommit++;
        continue;
      }
      const v: RowValues = {};
      for (let f = 0; f < fieldKeys.length; f++) { const c = cells[fieldCols[f]]; v[fieldKeys[f]] = c === undefined ? '' : halfWidth(c); }
      const s = p.stage(v);
      if ('field' in s) {
        begin();
        insReject.run(job.importId, rowNo, colName(s.field), s.zh, s.en);
        rejected++; sinceCommit++;
        continue;
      }
      const slot = persons.find(id.id);
      if (slot >= 0) { if (seenMember[slot] === 0) { seenMember[slot] = 1; matchedPersons++; } }
      else if (complete) unknownIds.add(id.id);
      begin();
      // The name cell is among the mapped fields, already half-width and trimmed in v.
      const name = nameCol === undefined ? null : v.name || null;
      if (slot >= 0) matchedRows.add(job.importId, rowNo, id.id, name, persons.memberIds[slot], persons.householdIds[slot], s.category, s.eventDate, s.evidenceKey, s.amountFen, s.detail, s.rule);
      else unknownRows.add(job.importId, rowNo, id.id, name, s.category, s.eventDate, s.evidenceKey, s.amountFen);
      staged++; sinceCommit++;
    }
    if (sinceCommit >= BATCH) commit();
    if (cancelled()) { dropRows(); if (inTx) { raw.exec('ROLLBACK'); inTx = false; } stop = true; return false; }
    });
  } catch (e) {
    dropRows();
    if (inTx) raw.exec('ROLLBACK');
    throw e;
  }
  if (stop) return 'cancelled';
  if (!inTx) begin();
  commit();
  raw.prepare(`UPDATE exchange_imports SET status = 'staged', rows_read = ? WHERE id = ?`).run(rowsRead, job.importId);
  onProgress({ rowsRead, staged, rejected, estimatedTotal: rowsRead });
  if (tally) Object.assign(tally, { complete, accepted: staged, matched: matchedPersons, unknown: unknownIds.size });
  return 'staged';
}
