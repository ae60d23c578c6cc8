/**
 * The warnings of the warning and verification report (./warnings-form.ts), masked as the form
 * prints them (docs/rules/assistance.md §8), with their visits and overdue state, and the period
 * asked for.
 *
 * Overdue: an open warning past its due date ("逾期未办结"), or one closed after its due date
 * ("逾期办结"); the as-of day for open ones is the day of printing.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { maskIdNumber, maskName } from '../common/id-number';
import { daysInMonth, isIsoDate, todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { RULES } from '../common/warning-rules';
import { codeOf, WARNING_OUTCOMES, WARNING_RULES, type Outcome, type WarningRuleId } from '../common/codes';
import { all, qb } from '../db/query';
import { monthZh } from './layout';

export interface WarningsReportOptions {
  /** YYYY-MM; or `from`/`to` (ISO dates, inclusive). Neither: every warning (with a household). */
  month?: string;
  from?: string;
  to?: string;
  householdId?: number;
  townshipId?: number;
  villageId?: number;
  now: Date;
}

export interface WarningLine {
  id: number;
  rule: WarningRuleId;
  ruleText: string;
  severity: 'urgent' | 'normal';
  householdId: number;
  township: string;
  townshipId: number;
  village: string;
  villageId: number;
  /** Masked (§8). */
  personName: string;
  idNumber: string;
  source: string;
  raisedOn: string;
  dueOn: string;
  status: 'open' | 'closed';
  closedOn: string | null;
  outcome: Outcome | null;
  overdue: 'open_overdue' | 'closed_late' | null;
  visits: { kind: 'verification' | 'home_visit'; date: string; staff: number }[];
}

export interface WarningTotals {
  warnings: number;
  open: number;
  closed: number;
  urgent: number;
  normal: number;
  overdueOpen: number;
  closedLate: number;
  visits: number;
  byOutcome: Record<Outcome, number>;
}

export function emptyWarningTotals(): WarningTotals {
  return {
    warnings: 0,
    open: 0,
    closed: 0,
    urgent: 0,
    normal: 0,
    overdueOpen: 0,
    closedLate: 0,
    visits: 0,
    byOutcome: { no_change: 0, adjust: 0, new_assistance: 0, referral: 0 },
  };
}
export function addWarning(t: WarningTotals, l: WarningLine) {
  t.warnings++;
  if (l.status === 'open') t.open++;
  else t.closed++;
  if (l.severity === 'urgent') t.urgent++;
  else t.normal++;
  if (l.overdue === 'open_overdue') t.overdueOpen++;
  if (l.overdue === 'closed_late') t.closedLate++;
  t.visits += l.visits.length;
  if (l.outcome) t.byOutcome[l.outcome]++;
}

/** The period asked for: a month, a date range, or everything. */
export function warningsPeriod(o: { month?: string; from?: string; to?: string; householdId?: number }): {
  from: string | null;
  to: string | null;
  label: string;
  key: string;
} {
  if (o.month) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(o.month))
      throw appError('invalid_input', 'Give the month as YYYY-MM.', '请按 YYYY-MM 填写月份。', 'month');
    const last = daysInMonth(Number(o.month.slice(0, 4)), Number(o.month.slice(5, 7)));
    const from = `${o.month}-01`,
      to = `${o.month}-${String(last).padStart(2, '0')}`;
    return { from, to, label: `${monthZh(o.month)}（${from} 至 ${to}）`, key: o.month };
  }
  if (o.from || o.to) {
    for (const [k, v] of [
      ['from', o.from],
      ['to', o.to],
    ] as const) {
      if (v !== undefined && !isIsoDate(v)) throw appError('invalid_input', `Give ${k} as YYYY-MM-DD.`, '请按 YYYY-MM-DD 填写日期。', k);
    }
    if (o.from && o.to && o.from > o.to)
      throw appError('invalid_input', 'The period ends before it starts.', '统计期间的结束日期早于开始日期。', 'to');
    return { from: o.from ?? null, to: o.to ?? null, label: `${o.from ?? '…'} 至 ${o.to ?? '…'}`, key: `${o.from ?? ''}_${o.to ?? ''}` };
  }
  if (o.householdId === undefined)
    throw appError('invalid_input', 'Give the month (YYYY-MM) or the period.', '请填写统计月份或起止日期。', 'month');
  return { from: null, to: null, label: '全部', key: 'all' };
}

/** The warnings raised in the period, ordered by township, village, raised date; masked. */
export function warningLines(
  raw: BetterSqlite3.Database,
  o: WarningsReportOptions,
): { lines: WarningLine[]; period: ReturnType<typeof warningsPeriod> } {
  const period = warningsPeriod(o);
  const today = todayIso(o.now);
  let q = qb
    .selectFrom('warnings as w')
    .innerJoin('areas as v', 'v.id', 'w.area_id')
    .innerJoin('areas as t', 't.id', 'v.parent_id')
    .select([
      'w.id',
      'w.rule',
      'w.severity',
      'w.household_id',
      'w.id_number',
      'w.person_name',
      'w.source',
      'w.raised_on',
      'w.due_on',
      'w.status',
      'w.outcome',
      'w.closed_at',
      'v.id as village_id',
      'v.name as village',
      't.id as township_id',
      't.name as township',
    ])
    .orderBy('t.name')
    .orderBy('t.id')
    .orderBy('v.name')
    .orderBy('v.id')
    .orderBy('w.raised_on')
    .orderBy('w.id');
  if (period.from) q = q.where('w.raised_on', '>=', period.from);
  if (period.to) q = q.where('w.raised_on', '<=', period.to);
  if (o.householdId !== undefined) q = q.where('w.household_id', '=', o.householdId);
  if (o.villageId !== undefined) q = q.where('w.area_id', '=', o.villageId);
  else if (o.townshipId !== undefined) q = q.where('v.parent_id', '=', o.townshipId);
  const visitsOf = (warningId: number) =>
    all(
      raw,
      qb
        .selectFrom('warning_visits')
        .select(['kind', 'visit_date', 'staff_json'])
        .where('warning_id', '=', warningId)
        .orderBy('visit_date')
        .orderBy('id'),
    );
  const lines = all(raw, q).map((r): WarningLine => {
    const closedOn = r.closed_at ? r.closed_at.slice(0, 10) : null;
    const overdue =
      r.status === 'open' ? (r.due_on < today ? 'open_overdue' : null) : closedOn && closedOn > r.due_on ? 'closed_late' : null;
    const rule = codeOf(WARNING_RULES, r.rule);
    return {
      id: r.id,
      rule,
      ruleText: RULES[rule].zh,
      severity: r.severity,
      householdId: r.household_id,
      township: r.township,
      townshipId: r.township_id,
      village: r.village,
      villageId: r.village_id,
      personName: r.person_name ? maskName(r.person_name) : '',
      idNumber: maskIdNumber(r.id_number),
      source: r.source,
      raisedOn: r.raised_on,
      dueOn: r.due_on,
      status: r.status,
      closedOn,
      outcome: r.outcome === null ? null : codeOf(WARNING_OUTCOMES, r.outcome),
      overdue,
      visits: visitsOf(r.id).map((v) => ({
        kind: v.kind,
        date: v.visit_date,
        staff: (JSON.parse(v.staff_json) as unknown[]).length, // a JSON array, as recordVisit writes it
      })),
    };
  });
  return { lines, period };
}
