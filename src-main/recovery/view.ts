/**
 * Recovery cases as the office reads them (docs/rules/temporary-service-recovery.md §13): a case
 * with its months, entries and balance; a household's facts, cases and balance; the county
 * ledger of every case with its balance, by township and village.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { codeOf, RECOVERY_FACT_KINDS, type RecoveryFactKind } from '../common/codes';
import { all, first, qb } from '../db/query';
import { mustCase } from './cases';
import { balanceOf, type Balance } from './entries';
import { listFacts, type Fact } from './facts';

export interface CaseEntry {
  id: number;
  kind: 'repayment' | 'waiver' | 'deduction';
  onDate: string;
  month: string | null;
  amountFen: number;
  reason: string;
  recordedBy: string;
  recordedAt: string;
}

export interface CaseView extends Balance {
  id: number;
  number: string;
  householdId: number;
  township: string;
  village: string;
  address: string | null;
  determinationId: number;
  effectiveMonth: string | null;
  newTier: string;
  newBenefitFen: number;
  fact: { id: number; kind: RecoveryFactKind; date: string; personName: string | null; evidence: string };
  liableKind: 'head' | 'estate';
  liableName: string;
  liableIdNumber: string | null;
  basis: string;
  openedBy: string;
  openedAt: string;
  months: { month: string; paidFen: number; dueFen: number; overpaidFen: number }[];
  entries: CaseEntry[];
  status: 'open' | 'settled';
}

const casesQuery = () =>
  qb
    .selectFrom('recovery_cases as c')
    .innerJoin('recovery_facts as f', 'f.id', 'c.fact_id')
    .innerJoin('determinations as d', 'd.id', 'c.determination_id')
    .leftJoin('determination_decisions as dd', 'dd.determination_id', 'd.id')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .innerJoin('areas as v', 'v.id', 'h.area_id')
    .innerJoin('areas as t', 't.id', 'v.parent_id')
    .selectAll('c')
    .select([
      'f.kind as fact_kind',
      'f.fact_date',
      'f.person_name as fact_person',
      'f.evidence',
      'd.tier as new_tier',
      'dd.effective_month',
      'v.name as village',
      't.name as township',
      't.id as township_id',
      'h.address',
    ]);

type CaseRow = NonNullable<ReturnType<typeof firstCase>>;
const firstCase = (raw: BetterSqlite3.Database, id: number) => first(raw, casesQuery().where('c.id', '=', id));

function view(raw: BetterSqlite3.Database, c: CaseRow): CaseView {
  const b = balanceOf(raw, c.id);
  return {
    ...b,
    id: c.id,
    number: c.number,
    householdId: c.household_id,
    township: c.township,
    village: c.village,
    address: c.address,
    determinationId: c.determination_id,
    effectiveMonth: c.effective_month,
    newTier: c.new_tier,
    newBenefitFen: c.new_benefit_fen,
    fact: {
      id: c.fact_id,
      kind: codeOf(RECOVERY_FACT_KINDS, c.fact_kind),
      date: c.fact_date,
      personName: c.fact_person,
      evidence: c.evidence,
    },
    liableKind: c.liable_kind,
    liableName: c.liable_name,
    liableIdNumber: c.liable_id_number,
    basis: c.basis,
    openedBy: c.opened_by,
    openedAt: c.opened_at,
    months: all(raw, qb.selectFrom('recovery_months').selectAll().where('case_id', '=', c.id).orderBy('month')).map((m) => ({
      month: m.month,
      paidFen: m.paid_fen,
      dueFen: m.due_fen,
      overpaidFen: m.overpaid_fen,
    })),
    entries: all(raw, qb.selectFrom('recovery_entries').selectAll().where('case_id', '=', c.id).orderBy('id')).map((e) => ({
      id: e.id,
      kind: e.kind,
      onDate: e.on_date,
      month: e.month,
      amountFen: e.amount_fen,
      reason: e.reason,
      recordedBy: e.recorded_by,
      recordedAt: e.recorded_at,
    })),
    status: b.balanceFen > 0 ? 'open' : 'settled',
  };
}

export function getCase(raw: BetterSqlite3.Database, id: number): CaseView {
  mustCase(raw, id);
  return view(raw, firstCase(raw, id)!); // mustCase found it
}

/** The county ledger (or one township's), by township, village and case number; `open` keeps the cases with a balance. */
export function ledger(raw: BetterSqlite3.Database, f: { townshipId?: number; open?: boolean } = {}): CaseView[] {
  let q = casesQuery();
  if (f.townshipId !== undefined) q = q.where('t.id', '=', f.townshipId);
  const rows = all(raw, q.orderBy('t.id').orderBy('v.id').orderBy('c.year').orderBy('c.seq')).map((c) => view(raw, c));
  return f.open ? rows.filter((r) => r.status === 'open') : rows;
}

/** A household's facts with a past date, its cases, and what it still owes. */
export function householdRecovery(
  raw: BetterSqlite3.Database,
  householdId: number,
): { facts: Fact[]; cases: CaseView[]; balanceFen: number } {
  const cases = all(raw, casesQuery().where('c.household_id', '=', householdId).orderBy('c.id', 'desc')).map((c) => view(raw, c));
  return { facts: listFacts(raw, householdId), cases, balanceFen: cases.reduce((s, c) => s + c.balanceFen, 0) };
}
