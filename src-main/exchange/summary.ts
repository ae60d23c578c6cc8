/** An import's summary (docs/rules/assistance.md §6, `safetynet import --json`) and its rejected rows. */
import type BetterSqlite3 from 'better-sqlite3';
import { all, qb } from '../db/query';

export interface Rejected {
  row: number;
  column: string;
  reason: string;
}

/** The import summary; its keys are fixed by docs/rules/assistance.md §6. */
export interface ImportSummary {
  file: string;
  sha256: string;
  source: string;
  rowsRead: number;
  accepted: number;
  rejected: Rejected[];
  matchedPersons: number;
  unknownPersons: number;
  warningsRaised: number;
  duplicateFile: boolean;
}

/** A summary as apply stored it (`exchange_imports.summary_json`): JSON of this type, written by this module's callers only. */
export const storedSummary = (json: string): ImportSummary => JSON.parse(json) as ImportSummary;

/** The rows an import rejected, in row order, with the reason in the caller's language. */
export function rejectedOf(raw: BetterSqlite3.Database, importId: number, lang: 'zh' | 'en', limit = 100_000): Rejected[] {
  const rows = all(
    raw,
    qb
      .selectFrom('exchange_rejects')
      .select(['row', 'column', 'reason', 'reason_en'])
      .where('import_id', '=', importId)
      .orderBy('row')
      .limit(limit),
  );
  return rows.map((r) => ({ row: r.row, column: r.column, reason: lang === 'en' ? r.reason_en : r.reason }));
}
