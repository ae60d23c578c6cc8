/**
 * The assistance chain (一户（人）一救助链, docs/rules/assistance.md §7): every module appends
 * what happened to a household or person here, inside its own transaction; nothing is ever
 * updated or deleted. A warning's raising is the exception: the warnings table holds it (as
 * raised, never changed; migration 14), and the chain reads it from there.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { prepared } from '../db/prepared';
import { all, qb } from '../db/query';
import { WARNING_RULES, type ChainKind } from '../common/codes';
import { raisedSummary } from '../common/warning-rules';
import { chainBasis } from '../common/chain-labels';

export type { ChainKind };

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

const INSERT = `INSERT INTO chain_events (household_id, id_number, at, kind, department, basis, amount_fen, item, status, ref_table, ref_id, summary,
  recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function appendChainEvent(raw: BetterSqlite3.Database, e: ChainEvent): number {
  // hot path: bench/import.ts import (events appended by the tens of thousands in one apply; building each insert cost more than it)
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

/** The chain's own events; `src` 1 sorts them after a warning raised the same day, as recorded after it. */
const events = () =>
  qb
    .selectFrom('chain_events')
    .select((eb) => [
      'id',
      'household_id as householdId',
      'id_number as idNumber',
      'at',
      'kind',
      'department',
      'basis',
      'amount_fen as amountFen',
      'item',
      'status',
      'ref_table as refTable',
      'ref_id as refId',
      'summary',
      'recorded_by as recordedBy',
      eb.val<string | null>(null).as('personName'),
      eb.val<string | null>(null).as('dueOn'),
      eb.lit<number>(1).as('src'),
      'id as ord',
    ]);

/** Warnings raised since migration 14 (`raised_by` set; those raised before have chain events of their own), as chain rows. */
const raised = () =>
  qb
    .selectFrom('warnings')
    .select((eb) => [
      eb.neg('id').as('id'),
      'household_id as householdId',
      'id_number as idNumber',
      'raised_on as at',
      eb.val<ChainKind>('warning').as('kind'),
      'department',
      eb.val<string | null>(null).as('basis'),
      eb.val<number | null>(null).as('amountFen'),
      'rule as item',
      eb.val<string | null>('open').as('status'),
      eb.val<string | null>('warnings').as('refTable'),
      'id as refId',
      // Written from the rule, the person and the due date below.
      eb.val('').as('summary'),
      eb.fn.coalesce('raised_by', eb.val('')).as('recordedBy'),
      'person_name as personName',
      'due_on as dueOn',
      eb.lit<number>(0).as('src'),
      'id as ord',
    ])
    .where('raised_by', 'is not', null);

/**
 * A household's or a person's chain, newest first: its events, and the raising of its warnings from the warnings table
 * (migration 14). A person's warnings are found through the deduplication index (rule, ID number, …), a rule at a time.
 */
export function listChain(raw: BetterSqlite3.Database, filter: { householdId?: number; idNumber?: string; limit?: number }): ChainRow[] {
  const query = filter.idNumber
    ? events()
        .where('id_number', '=', filter.idNumber)
        .unionAll(raised().where('rule', 'in', WARNING_RULES).where('id_number', '=', filter.idNumber))
    : events()
        .where('household_id', '=', filter.householdId ?? null)
        .unionAll(raised().where('household_id', '=', filter.householdId ?? null));
  const rows = all(
    raw,
    query
      .orderBy('at', 'desc')
      .orderBy('src', 'desc')
      .orderBy('ord', 'desc')
      .limit(filter.limit ?? 1000),
  );
  // Each entry is read with its own legal basis (docs/rules/assistance.md §7): older entries said only the act's name.
  return rows.map(({ personName, dueOn, src, ord: _, ...e }) =>
    src === 0 && e.item !== null && dueOn !== null
      ? { ...e, basis: chainBasis(e), summary: raisedSummary(e.item, personName, dueOn) }
      : { ...e, basis: chainBasis(e) },
  );
}
