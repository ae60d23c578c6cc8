/**
 * The assistance chain (一户（人）一救助链): every module appends what happened to a household
 * or person here, inside its own transaction; nothing is ever updated or deleted.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { prepared } from '../db/prepared';

export type ChainKind = 'determination' | 'tier_change' | 'review' | 'warning' | 'visit' | 'referral' | 'department_result' | 'payment' | 'entitlement';

export interface ChainEvent {
  householdId: number;
  /** The person concerned, or null for the whole household. */
  idNumber?: string | null;
  /** ISO date or date-time of the event itself (not of the recording). */
  at: string;
  kind: ChainKind;
  /** Department code: civil_affairs, medical_insurance, education, housing, hrss, charity, … */
  department?: string | null;
  /** Legal basis, e.g. 《社会救助暂行办法》第九条. */
  basis?: string | null;
  amountFen?: number | null;
  item?: string | null;
  status?: string | null;
  refTable?: string | null;
  refId?: number | null;
  /** One line a person can read, in Chinese (the office's working language). */
  summary: string;
  recordedBy: string;
}

const INSERT = `INSERT INTO chain_events (household_id, id_number, at, kind, department, basis, amount_fen, item, status, ref_table, ref_id, summary, recorded_by)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function appendChainEvent(raw: BetterSqlite3.Database, e: ChainEvent): number {
  const ins = prepared(raw, INSERT);
  return Number(
    ins.run(e.householdId, e.idNumber ?? null, e.at, e.kind, e.department ?? null, e.basis ?? null, e.amountFen ?? null, e.item ?? null, e.status ?? null, e.refTable ?? null, e.refId ?? null, e.summary, e.recordedBy).lastInsertRowid,
  );
}

export interface ChainRow {
  id: number; householdId: number; idNumber: string | null; at: string; kind: ChainKind; department: string | null; basis: string | null;
  amountFen: number | null; item: string | null; status: string | null; refTable: string | null; refId: number | null; summary: string; recordedBy: string;
}

export function listChain(raw: BetterSqlite3.Database, filter: { householdId?: number; idNumber?: string; limit?: number }): ChainRow[] {
  const where = filter.idNumber ? 'id_number = ?' : 'household_id = ?';
  const arg = filter.idNumber ?? filter.householdId;
  return raw
    .prepare(
      `SELECT id, household_id AS householdId, id_number AS idNumber, at, kind, department, basis, amount_fen AS amountFen, item, status,
        ref_table AS refTable, ref_id AS refId, summary, recorded_by AS recordedBy FROM chain_events WHERE ${where} ORDER BY at DESC, id DESC LIMIT ?`,
    )
    .all(arg, filter.limit ?? 1000) as ChainRow[];
}
