/**
 * What the import worker reads and writes of its own import — its `exchange_imports` row, its
 * stored parts and rejects, its list of unknown persons — as prepared statements. The worker and
 * its reading thread do not load the query builder: its modules cost each thread 0.13 s at the
 * start of every import, and the writer's start is on every import's path (bench/README.md
 * import). The rest of the exchange runs its ordinary queries through Kysely (../db/query.ts).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { prepared } from '../db/prepared';
import type { ExchangeImportsTable } from '../db/schema';
import type { ImportSummary, Rejected } from './summary';

type Db = BetterSqlite3.Database;
/** An import's row as the worker reads it. */
export type ImportRow = Pick<
  ExchangeImportsTable,
  'source' | 'file_name' | 'file_date' | 'sha256' | 'status' | 'summary_json' | 'bytes' | 'staged_epoch'
>;

// hot path: bench/import.ts staging (the import's start)
export const importRow = (raw: Db, importId: number): ImportRow | undefined =>
  prepared(
    raw,
    `SELECT source, file_name, file_date, sha256, status, summary_json, bytes, staged_epoch FROM exchange_imports WHERE id = ?`,
  ).get(importId) as ImportRow | undefined;

/** Counts the changes to members that make an import's matches stale (a trigger). */
// hot path: bench/import.ts staging (read at the start, and again before applying)
export const registryEpoch = (raw: Db): number => prepared(raw, `SELECT n FROM registry_epoch`).pluck().get() as number;

/** Changes whenever another connection commits (`PRAGMA data_version`); better-sqlite3 types a pragma's value as unknown. */
export const dataVersion = (raw: Db): number => raw.pragma('data_version', { simple: true }) as number;

/** Whatever was staged against another registry goes: the parts and rejects, the rows covered. */
export function restartStaging(raw: Db, importId: number, epoch: number): void {
  // hot path: bench/import.ts staging (the import's start)
  prepared(raw, `DELETE FROM exchange_row_parts WHERE import_id = ?`).run(importId);
  prepared(raw, `DELETE FROM exchange_rejects WHERE import_id = ?`).run(importId);
  prepared(raw, `UPDATE exchange_imports SET staged_epoch = ?, staged_rows = 0 WHERE id = ?`).run(epoch, importId);
}

/** The parts an earlier run stored, as [first row, last row]. */
// hot path: bench/import.ts staging (the import's start)
export const storedParts = (raw: Db, importId: number): [number, number][] =>
  prepared(raw, `SELECT first_row, last_row FROM exchange_row_parts WHERE import_id = ?`).raw().all(importId) as [number, number][];

/** Stored parts covering rows `first` to `last` (a share split otherwise), and the rejects of those rows. */
export function dropRows(raw: Db, importId: number, first: number, last: number): void {
  // hot path: bench/import.ts staging (a re-run that splits the file otherwise)
  prepared(raw, `DELETE FROM exchange_row_parts WHERE import_id = ? AND first_row <= ? AND last_row >= ?`).run(importId, last, first);
  dropRejects(raw, importId, first, last);
}
// hot path: bench/import.ts staging (a re-run that splits the file otherwise)
export const dropRejects = (raw: Db, importId: number, first: number, last: number): void =>
  void prepared(raw, `DELETE FROM exchange_rejects WHERE import_id = ? AND row BETWEEN ? AND ?`).run(importId, first, last);

/** Rows of the file covered by stored parts: where a re-run's progress starts. */
// hot path: bench/import.ts staging (each commit)
export const markStaged = (raw: Db, importId: number, rows: number): void =>
  void prepared(raw, `UPDATE exchange_imports SET staged_rows = ? WHERE id = ?`).run(rows, importId);

// hot path: bench/import.ts staging (its end)
export const setStaged = (raw: Db, importId: number, rowsRead: number): void =>
  void prepared(raw, `UPDATE exchange_imports SET status = 'staged', rows_read = ? WHERE id = ?`).run(rowsRead, importId);

// hot path: bench/import.ts staging (a cancel)
export const setCancelled = (raw: Db, importId: number): void =>
  void prepared(raw, `UPDATE exchange_imports SET status = 'cancelled' WHERE id = ? AND status IN ('staging', 'staged')`).run(importId);

/** A reject of a row that the referrals module refused (referral feedback), in each language. */
// hot path: bench/import.ts apply
export const addReject = (raw: Db, importId: number, r: Rejected & { reasonEn: string }): void =>
  void prepared(raw, `INSERT INTO exchange_rejects (import_id, row, "column", reason, reason_en) VALUES (?, ?, ?, ?, ?)`).run(
    importId,
    r.row,
    r.column,
    r.reason,
    r.reasonEn,
  );

/** A reject of a row another module refused at apply in both languages (service records, docs/rules/temporary-service-recovery.md §12.4). */
// hot path: bench/import.ts apply
export const addRejectIn = (raw: Db, importId: number, r: { row: number; column: string; zh: string; en: string }): void =>
  void prepared(raw, `INSERT INTO exchange_rejects (import_id, row, "column", reason, reason_en) VALUES (?, ?, ?, ?, ?)`).run(
    importId,
    r.row,
    r.column,
    r.zh,
    r.en,
  );

/** A monitoring flag a file set on a household (agriculture), its version counted. */
// hot path: bench/import.ts apply
export const setMonitoringFlag = (raw: Db, householdId: number, flag: string, at: string): void =>
  void prepared(raw, `UPDATE households SET monitoring_flag = ?, version = version + 1, updated_at = ? WHERE id = ?`).run(
    flag,
    at,
    householdId,
  );

/** The list of unknown persons, a record of UNKNOWN_PER_CHUNK at a time, in place of any an earlier run wrote. */
export function writeUnknownPersons(raw: Db, importId: number, records: Iterable<Uint8Array>, size: number, per: number): void {
  // hot path: bench/import.ts apply (a county file's ~260 records)
  prepared(raw, `DELETE FROM exchange_unknown_persons WHERE import_id = ?`).run(importId);
  const insert = prepared(raw, `INSERT INTO exchange_unknown_persons (import_id, chunk, n, data) VALUES (?, ?, ?, ?)`);
  let chunk = 0;
  for (const data of records) insert.run(importId, chunk, Math.min(per, size - chunk++ * per), data);
}

// hot path: bench/import.ts apply (its end)
export const setApplied = (raw: Db, importId: number, at: string, rowsRead: number, stored: ImportSummary): void =>
  void prepared(raw, `UPDATE exchange_imports SET status = 'applied', applied_at = ?, rows_read = ?, summary_json = ? WHERE id = ?`).run(
    at,
    rowsRead,
    JSON.stringify(stored),
    importId,
  );

/** The rows an import rejected, in row order, with the reason in the caller's language. */
export function rejectedOf(raw: Db, importId: number, lang: 'zh' | 'en', limit = 100_000): Rejected[] {
  // hot path: bench/import.ts apply (the summary)
  const rows = prepared(raw, `SELECT row, "column", reason, reason_en FROM exchange_rejects WHERE import_id = ? ORDER BY row LIMIT ?`).all(
    importId,
    limit,
  ) as { row: number; column: string; reason: string; reason_en: string }[];
  return rows.map((r) => ({ row: r.row, column: r.column, reason: lang === 'en' ? r.reason_en : r.reason }));
}
