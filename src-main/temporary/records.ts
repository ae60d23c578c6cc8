/**
 * A case as it stands: its request (never changed), the decisions and payments appended to it,
 * and the status they add up to (docs/rules/temporary-service-recovery.md §11.3, §11.5).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Selectable } from 'kysely';
import { appError } from '../common/errors';
import type { Role, TemporaryStatus } from '../common/codes';
import type { Actor } from '../audit/actor';
import { all, first, qb } from '../db/query';
import type { TemporaryCasesTable, TemporaryDecisionsTable, TemporaryPaymentsTable } from '../db/schema';

/** Who acts on a case: the band decides by role (./decide.ts). */
export type CaseActor = Actor & { role: Role };

export type CaseRow = Selectable<TemporaryCasesTable>;
export type DecisionRow = Selectable<TemporaryDecisionsTable>;
export type PaymentRow = Selectable<TemporaryPaymentsTable>;

export interface CaseState {
  status: TemporaryStatus;
  /** What was approved (null until then). */
  approvedFen: number | null;
  paidFen: number;
  /** The first approval of a case-by-case decision, waiting for a second manager. */
  firstApproval: DecisionRow | null;
  decidedBy: string[];
  decidedOn: string | null;
}

/** The status that a case's decisions and payments add up to. */
export function stateOf(c: Pick<CaseRow, 'band'>, decisions: readonly DecisionRow[], payments: readonly PaymentRow[]): CaseState {
  const paidFen = payments.reduce((s, p) => s + p.amount_fen, 0);
  const refused = decisions.find((d) => d.step === 'refuse');
  if (refused)
    return {
      status: 'refused',
      approvedFen: null,
      paidFen,
      firstApproval: null,
      decidedBy: [refused.username],
      decidedOn: refused.decided_at,
    };
  const approve = decisions.find((d) => d.step === 'approve') ?? null;
  const confirm = decisions.find((d) => d.step === 'confirm') ?? null;
  if (!approve) return { status: 'pending', approvedFen: null, paidFen, firstApproval: null, decidedBy: [], decidedOn: null };
  if (c.band === 'case_by_case' && !confirm)
    return {
      status: 'awaiting_second',
      approvedFen: null,
      paidFen,
      firstApproval: approve,
      decidedBy: [approve.username],
      decidedOn: null,
    };
  const approvedFen = approve.amount_fen ?? 0;
  const decidedBy = confirm ? [approve.username, confirm.username] : [approve.username];
  const decidedOn = (confirm ?? approve).decided_at;
  return { status: paidFen >= approvedFen ? 'paid' : 'approved', approvedFen, paidFen, firstApproval: null, decidedBy, decidedOn };
}

export function mustGetCase(raw: BetterSqlite3.Database, id: number): CaseRow {
  const c = first(raw, qb.selectFrom('temporary_cases').selectAll().where('id', '=', id));
  if (!c) throw appError('not_found', `There is no temporary-assistance case #${id}.`, `没有第 ${id} 号临时救助申请。`, 'id');
  return c;
}

export function decisionsOf(raw: BetterSqlite3.Database, caseIds: readonly number[]): Map<number, DecisionRow[]> {
  const out = new Map<number, DecisionRow[]>();
  if (caseIds.length === 0) return out;
  for (const d of all(raw, qb.selectFrom('temporary_decisions').selectAll().where('case_id', 'in', caseIds).orderBy('id'))) {
    const list = out.get(d.case_id) ?? [];
    list.push(d);
    out.set(d.case_id, list);
  }
  return out;
}

export function paymentsOf(raw: BetterSqlite3.Database, caseIds: readonly number[]): Map<number, PaymentRow[]> {
  const out = new Map<number, PaymentRow[]>();
  if (caseIds.length === 0) return out;
  for (const p of all(raw, qb.selectFrom('temporary_payments').selectAll().where('case_id', 'in', caseIds).orderBy('stage'))) {
    const list = out.get(p.case_id) ?? [];
    list.push(p);
    out.set(p.case_id, list);
  }
  return out;
}

export function caseState(raw: BetterSqlite3.Database, c: CaseRow): CaseState & { decisions: DecisionRow[]; payments: PaymentRow[] } {
  const decisions = decisionsOf(raw, [c.id]).get(c.id) ?? [];
  const payments = paymentsOf(raw, [c.id]).get(c.id) ?? [];
  return { ...stateOf(c, decisions, payments), decisions, payments };
}

/** `LS-2026-000042`: 临时救助, the request's year, its sequence in the year. */
export function caseNumber(year: number, seq: number): string {
  return `LS-${year}-${String(seq).padStart(6, '0')}`;
}

export function nextSeq(raw: BetterSqlite3.Database, year: number): number {
  const r = first(
    raw,
    qb
      .selectFrom('temporary_cases')
      .select((eb) => eb.fn.max('seq').as('m'))
      .where('year', '=', year),
  );
  return (r?.m ?? 0) + 1;
}
