/**
 * The assistance chain (一户（人）一救助链): every module appends what happened to a household
 * or person here, inside its own transaction; nothing is ever updated or deleted. A warning's
 * raising is the exception: the warnings table holds it (as raised, never changed; migration 14),
 * and the chain reads it from there.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { prepared } from '../db/prepared';
import { WARNING_RULES } from '../common/codes';
import { raisedSummary } from '../common/warning-rules';

export type ChainKind =
  'determination' | 'tier_change' | 'review' | 'warning' | 'visit' | 'referral' | 'department_result' | 'payment' | 'entitlement';

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
    ins.run(
      e.householdId,
      e.idNumber ?? null,
      e.at,
      e.kind,
      e.department ?? null,
      e.basis ?? null,
      e.amountFen ?? null,
      e.item ?? null,
      e.status ?? null,
      e.refTable ?? null,
      e.refId ?? null,
      e.summary,
      e.recordedBy,
    ).lastInsertRowid,
  );
}

export interface ChainRow {
  /** The chain event's id; for a warning's raising (read from the warnings table, migration 14) the warning's id, negated. */
  id: number;
  householdId: number;
  idNumber: string | null;
  at: string;
  kind: ChainKind;
  department: string | null;
  basis: string | null;
  amountFen: number | null;
  item: string | null;
  status: string | null;
  refTable: string | null;
  refId: number | null;
  summary: string;
  recordedBy: string;
}

const EVENTS = `SELECT id, household_id AS householdId, id_number AS idNumber, at, kind, department, basis, amount_fen AS amountFen, item, status,
  ref_table AS refTable, ref_id AS refId, summary, recorded_by AS recordedBy, NULL AS personName, NULL AS dueOn, 1 AS src, id AS ord FROM chain_events`;
/** Warnings raised since migration 14 (`raised_by` set; those raised before have chain events of their own). */
const RAISED = `SELECT -id, household_id, id_number, raised_on, 'warning', department, NULL, NULL, rule, 'open', 'warnings', id, NULL, raised_by,
  person_name, due_on, 0, id FROM warnings`;
/** Every rule, as the SQL list that lets a person's warnings be looked up in the deduplication index (rule, ID number, …). */
const RULE_LIST = WARNING_RULES.map((r) => `'${r}'`).join(',');

/**
 * A household's or a person's chain, newest first: its events, and the raising of its warnings from the warnings table
 * (migration 14). A person's warnings are found through the deduplication index (rule, ID number, …), a rule at a time.
 */
export function listChain(raw: BetterSqlite3.Database, filter: { householdId?: number; idNumber?: string; limit?: number }): ChainRow[] {
  const byPerson = !!filter.idNumber;
  const sql = byPerson
    ? `${EVENTS} WHERE id_number = @key UNION ALL ${RAISED} WHERE rule IN (${RULE_LIST}) AND id_number = @key AND raised_by IS NOT NULL`
    : `${EVENTS} WHERE household_id = @key UNION ALL ${RAISED} WHERE household_id = @key AND raised_by IS NOT NULL`;
  const rows = raw
    .prepare(`${sql} ORDER BY at DESC, src DESC, ord DESC LIMIT @limit`)
    .all({ key: byPerson ? filter.idNumber : filter.householdId, limit: filter.limit ?? 1000 }) as (ChainRow & {
    personName: string | null;
    dueOn: string | null;
    src: number;
    ord: number;
  })[];
  return rows.map(({ personName, dueOn, src, ord: _, ...e }) =>
    src === 0 ? { ...e, summary: raisedSummary(e.item!, personName, dueOn!) } : e,
  );
}
