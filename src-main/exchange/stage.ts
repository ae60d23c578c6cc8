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

export interface StageProgress { rowsRead: number; staged: number; rejected: number; estimatedTotal: number }

/** Active registry persons: ID number → slot; member and household ids in typed arrays (≈40 MB for 500k people). */
export class PersonIndex {
  private slot = new Map<string, number>();
  memberIds: Int32Array;
  householdIds: Int32Array;
  constructor(raw: BetterSqlite3.Database) {
    const n = (raw.prepare(`SELECT COUNT(*) AS n FROM members WHERE active = 1`).get() as { n: number }).n;
    this.memberIds = new Int32Array(n);
    this.householdIds = new Int32Array(n);
    let i = 0;
    // NOT INDEXED: a table scan in rowid order reads 500k members in 0.7 s; going through the
    // partial index on active ID numbers jumps to each row at random and took 5.4 s here.
    for (const r of raw.prepare(`SELECT id_number, id, household_id FROM members NOT INDEXED WHERE active = 1`).raw().iterate() as IterableIterator<[string, number, number]>) {
      if (i >= n) break;
      this.slot.set(r[0], i);
      this.memberIds[i] = r[1];
      this.householdIds[i] = r[2];
      i++;
    }
  }
  find(id: string): number {
    return this.slot.get(id) ?? -1;
  }
}

const BATCH = 50_000;

/**
 * Stages the file; returns when every row is read (status → 'staged') or `cancelled()` says
 * stop (status stays 'staging', resumable). Progress is reported after each batch.
 */
export async function stageFile(raw: BetterSqlite3.Database, job: StageJob, onProgress: (p: StageProgress) => void, cancelled: () => boolean = () => false): Promise<'staged' | 'cancelled'> {
  const p = profileOf(job.source);
  const imp = raw.prepare(`SELECT staged_rows, rows_read, bytes FROM exchange_imports WHERE id = ?`).get(job.importId) as { staged_rows: number; rows_read: number; bytes: number };
  const resumeAfter = imp.staged_rows;
  const persons = new PersonIndex(raw);
  const insRow = raw.prepare(`INSERT OR REPLACE INTO exchange_rows (import_id, row, id_number, name, member_id, household_id, category, event_date, evidence_key, amount_fen, detail, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insReject = raw.prepare(`INSERT INTO exchange_rejects (import_id, row, "column", reason, reason_en) VALUES (?, ?, ?, ?, ?)`);
  const mark = raw.prepare(`UPDATE exchange_imports SET staged_rows = ?, rows_read = ? WHERE id = ?`);
  const counts = raw.prepare(`SELECT (SELECT COUNT(*) FROM exchange_rows WHERE import_id = ?) AS staged, (SELECT COUNT(*) FROM exchange_rejects WHERE import_id = ?) AS rejected`).get(job.importId, job.importId) as { staged: number; rejected: number };

  const idCol = job.index.idNumber;
  const nameCol = job.index.name;
  const fields = Object.entries(job.index).filter(([k]) => k !== 'idNumber');
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
      if (cells.length === 0 || (cells.length === 1 && cells[0].trim() === '') || cells.every((c) => c.trim() === '')) continue;
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
      for (const [k, c] of fields) v[k] = cells[c] === undefined ? '' : halfWidth(cells[c]);
      const s = p.stage(v);
      if ('field' in s) {
        begin();
        insReject.run(job.importId, rowNo, colName(s.field), s.zh, s.en);
        rejected++; sinceCommit++;
        continue;
      }
      const slot = persons.find(id.id);
      begin();
      insRow.run(job.importId, rowNo, id.id, nameCol === undefined ? null : halfWidth(cells[nameCol] ?? '') || null, slot < 0 ? null : persons.memberIds[slot], slot < 0 ? null : persons.householdIds[slot], s.category, s.eventDate, s.evidenceKey, s.amountFen, slot < 0 ? null : s.detail, slot < 0 ? null : s.rule);
      staged++; sinceCommit++;
    }
    if (sinceCommit >= BATCH) commit();
    if (cancelled()) { if (inTx) { raw.exec('ROLLBACK'); inTx = false; } stop = true; return false; }
    });
  } catch (e) {
    if (inTx) raw.exec('ROLLBACK');
    throw e;
  }
  if (stop) return 'cancelled';
  if (!inTx) begin();
  commit();
  raw.prepare(`UPDATE exchange_imports SET status = 'staged', rows_read = ? WHERE id = ?`).run(rowsRead, job.importId);
  onProgress({ rowsRead, staged, rejected, estimatedTotal: rowsRead });
  return 'staged';
}
