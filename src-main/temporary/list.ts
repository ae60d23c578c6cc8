/**
 * Reading cases: the list the Temporary screen filters, sorts and exports, and one case with its
 * reasons, decisions, payments, paperwork and what the reader may do with it now.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { PaidFrom, TemporaryKind, TemporaryStatus, TemporaryTrack } from '../common/codes';
import type { Lang } from '../common/errors';
import { all, qb } from '../db/query';
import type { Assessment } from './assess';
import { whyNot } from './decide';
import { paperworkDue } from './paperwork';
import { renderTemporaryReason } from './reasons';
import { decisionsOf, mustGetCase, paymentsOf, stateOf, type CaseActor, type CaseRow } from './records';

export interface CaseFilter {
  from?: string;
  to?: string;
  townshipId?: number;
  villageId?: number;
  status?: TemporaryStatus;
  kind?: TemporaryKind;
  track?: TemporaryTrack;
  householdId?: number;
  q?: string;
  page?: number;
  pageSize?: number;
}

function base() {
  return qb
    .selectFrom('temporary_cases as c')
    .innerJoin('areas as t', 't.id', 'c.township_id')
    .leftJoin('areas as v', 'v.id', 'c.area_id')
    .selectAll('c')
    .select(['t.name as township', 'v.name as village']);
}
type Joined = CaseRow & { township: string; village: string | null };

function rowsOut(raw: BetterSqlite3.Database, rows: Joined[]) {
  const ids = rows.map((r) => r.id);
  const decisions = decisionsOf(raw, ids);
  const payments = paymentsOf(raw, ids);
  const earlier = new Map(
    all(
      raw,
      qb
        .selectFrom('temporary_cases')
        .select(['id', 'number'])
        .where('id', 'in', [0, ...rows.map((r) => r.earlier_case_id ?? 0)]),
    ).map((e) => [e.id, e.number]),
  );
  return rows.map((r) => {
    const pays = payments.get(r.id) ?? [];
    const st = stateOf(r, decisions.get(r.id) ?? [], pays);
    return {
      id: r.id,
      number: r.number,
      kind: r.kind,
      track: r.track,
      reason: r.reason,
      eventId: r.event_id,
      eventDate: r.event_date,
      requestedOn: r.requested_on,
      householdId: r.household_id,
      idNumber: r.id_number,
      personName: r.person_name,
      nonLocal: r.household_id === null,
      hukouPlace: r.hukou_place,
      townshipId: r.township_id,
      township: r.township,
      village: r.village,
      tier: r.tier,
      band: r.band,
      caseByCase: r.case_by_case === 1,
      proposedFen: r.proposed_fen,
      approvedFen: st.approvedFen,
      paidFen: st.paidFen,
      status: st.status,
      paidFrom: r.paid_from satisfies PaidFrom,
      decidedBy: st.decidedBy,
      decidedOn: st.decidedOn,
      lastPaidOn: pays.at(-1)?.paid_on ?? null,
      earlierCase: r.earlier_case_id !== null ? (earlier.get(r.earlier_case_id) ?? null) : null,
      createdBy: r.created_by,
    };
  });
}
export type CaseListRow = ReturnType<typeof rowsOut>[number];

/** The cases that match, newest first; the status filter is applied to what the decisions and payments add up to. */
export function listCases(raw: BetterSqlite3.Database, f: CaseFilter) {
  let q = base();
  if (f.from) q = q.where('c.requested_on', '>=', f.from);
  if (f.to) q = q.where('c.requested_on', '<=', f.to);
  if (f.villageId !== undefined) q = q.where('c.area_id', '=', f.villageId);
  else if (f.townshipId !== undefined) q = q.where('c.township_id', '=', f.townshipId);
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  if (f.track) q = q.where('c.track', '=', f.track);
  if (f.householdId !== undefined) q = q.where('c.household_id', '=', f.householdId);
  const text = f.q?.trim();
  if (text)
    q = q.where((eb) =>
      eb.or([eb('c.person_name', 'like', `%${text}%`), eb('c.id_number', 'like', `${text}%`), eb('c.number', 'like', `%${text}%`)]),
    );
  let rows = rowsOut(raw, all(raw, q.orderBy('c.requested_on', 'desc').orderBy('c.id', 'desc')));
  if (f.status) rows = rows.filter((r) => r.status === f.status);
  const size = Math.min(f.pageSize ?? 100, 500);
  const page = Math.max(1, f.page ?? 1);
  const totals = { cases: rows.length, approvedFen: 0, paidFen: 0 };
  for (const r of rows) {
    totals.approvedFen += r.approvedFen ?? 0;
    totals.paidFen += r.paidFen;
  }
  return { total: rows.length, page, pageSize: size, totals, items: rows.slice((page - 1) * size, page * size) };
}

/** One case, its reasons in the reader's language, its history, and the reader's possible actions with the reason when not. */
export function getCase(raw: BetterSqlite3.Database, id: number, lang: Lang, reader: CaseActor, now: Date) {
  const c = mustGetCase(raw, id);
  const [row] = rowsOut(raw, all(raw, base().where('c.id', '=', id)));
  const a = JSON.parse(c.assessment_json) as Assessment; // written by createCase from an Assessment
  const paperwork = all(raw, qb.selectFrom('temporary_paperwork').selectAll().where('case_id', '=', id).orderBy('id')).map((p) => ({
    verifiedOn: p.verified_on,
    visitedOn: p.visited_on,
    visitStaff: JSON.parse(p.visit_staff_json) as string[], // written by recordPaperwork as a list of names
    publicityFrom: p.publicity_from,
    note: p.note,
    recordedBy: p.recorded_by,
    recordedAt: p.recorded_at,
  }));
  const due = c.track === 'assist_first' ? (paperworkDue(raw, now).find((d) => d.caseId === id) ?? null) : null;
  const approve = whyNot(c, reader, 'approve', raw, now);
  const refuse = whyNot(c, reader, 'refuse', raw, now);
  return {
    ...row,
    phone: c.phone,
    description: c.description,
    spendingFen: c.spending_fen,
    receiptsFen: c.receipts_fen,
    requestedFen: c.requested_fen,
    standardFen: c.standard_fen,
    computedFen: c.computed_fen,
    capFen: c.cap_fen,
    maxFen: a.maxFen,
    warningId: c.warning_id,
    reasons: a.reasons.map((r) => ({ rule: r.rule, pass: r.pass ?? null, text: renderTemporaryReason(r, lang) })),
    decisions: (decisionsOf(raw, [id]).get(id) ?? []).map((d) => ({
      step: d.step,
      amountFen: d.amount_fen,
      level: d.level,
      reason: d.reason,
      username: d.username,
      role: d.role,
      decidedAt: d.decided_at,
    })),
    payments: (paymentsOf(raw, [id]).get(id) ?? []).map((p) => ({
      stage: p.stage,
      paidOn: p.paid_on,
      amountFen: p.amount_fen,
      paidFrom: p.paid_from,
      recordedBy: p.recorded_by,
    })),
    paperwork,
    paperworkDueOn: due?.dueOn ?? null,
    paperworkOverdue: due?.overdue ?? false,
    can: {
      approve: approve === null,
      approveWhy: approve?.[lang] ?? null,
      refuse: refuse === null,
      refuseWhy: refuse?.[lang] ?? null,
      pay: row.status === 'approved' && (reader.role === 'clerk' || reader.role === 'manager'),
    },
  };
}
