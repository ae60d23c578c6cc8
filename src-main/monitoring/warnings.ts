/**
 * Warnings (docs/rules/assistance.md §4.2): raised once per (rule, person, evidence key), each
 * with its severity, its due date in working days of the office calendar, the rule and its
 * evidence; read in a queue (overdue flagged) and one at a time; counted for the dashboard.
 * Assigning, verifying on the ground and closing: ./warning-actions.ts.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { prepared } from '../db/prepared';
import { all, first, qb } from '../db/query';
import { appError } from '../common/errors';
import { todayIso } from '../common/dates';
import { WorkCalendar } from './calendar';
import { RULES } from '../common/warning-rules';
import { codeOf, WARNING_OUTCOMES, WARNING_RULES, type WarningRuleId as RuleId } from '../common/codes';
import type { Actor } from '../audit/actor';

export interface WarningDraft {
  rule: RuleId;
  householdId: number;
  memberId: number | null;
  idNumber: string;
  personName: string | null;
  areaId: number;
  evidenceKey: string;
  evidence: string;
  source: string;
  importId: number | null;
  raisedOn: string;
  department: string;
  calendar: WorkCalendar;
  actor: Actor;
}

const INSERT = `INSERT INTO warnings (rule, severity, household_id, member_id, id_number, person_name, area_id, evidence_key, evidence, source, import_id,
  raised_on, due_on, department, raised_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rule, id_number, evidence_key) DO NOTHING`;

/**
 * Inserts the warning unless the same (rule, person, evidence key) exists; true when raised. Inside the caller's transaction.
 * The assistance chain shows its raising from this row (migration 14, chain/events.ts listChain): no chain event is written.
 */
export function raiseWarning(raw: BetterSqlite3.Database, w: WarningDraft): boolean {
  // hot path: bench/import.ts import (warnings raised by the tens of thousands in one apply; building each insert cost more than it)
  const ins = prepared(raw, INSERT);
  const r = RULES[w.rule];
  const due = w.calendar.addWorkingDays(w.raisedOn, r.days);
  return (
    ins.run(
      w.rule,
      r.severity,
      w.householdId,
      w.memberId,
      w.idNumber,
      w.personName,
      w.areaId,
      w.evidenceKey,
      w.evidence,
      w.source,
      w.importId,
      w.raisedOn,
      due,
      w.department,
      w.actor.username,
    ).changes > 0
  );
}

const outcomeOf = (o: string | null) => (o === null ? null : codeOf(WARNING_OUTCOMES, o));

/** The warning, or not_found. */
export function mustGet(raw: BetterSqlite3.Database, id: number) {
  const w = first(raw, qb.selectFrom('warnings').selectAll().where('id', '=', id));
  if (!w) throw appError('not_found', `There is no warning #${id}.`, `没有第 ${id} 号预警。`);
  return w;
}
export function mustBeOpen(w: { id: number; status: 'open' | 'closed' }): void {
  if (w.status !== 'open') throw appError('warning_closed', `Warning #${w.id} is already closed.`, `第 ${w.id} 号预警已办结。`);
}

// The JSON columns of a visit, as recordVisit writes them.
const staffJson = z.array(z.string());
const attachmentsJson = z.array(z.object({ name: z.string(), sha256: z.string().optional(), note: z.string().optional() }));

export function getWarning(raw: BetterSqlite3.Database, id: number) {
  const w = mustGet(raw, id);
  const visits = all(raw, qb.selectFrom('warning_visits').selectAll().where('warning_id', '=', id).orderBy('id')).map((v) => ({
    id: v.id,
    kind: v.kind,
    visitDate: v.visit_date,
    staff: staffJson.parse(JSON.parse(v.staff_json)),
    findings: v.findings,
    attachments: attachmentsJson.parse(JSON.parse(v.attachments_json)),
    recordedBy: v.recorded_by,
    recordedAt: v.recorded_at,
  }));
  const rule = codeOf(WARNING_RULES, w.rule);
  return {
    id: w.id,
    rule,
    ruleText: RULES[rule].zh,
    action: RULES[rule].action,
    severity: w.severity,
    householdId: w.household_id,
    idNumber: w.id_number,
    personName: w.person_name,
    evidence: w.evidence,
    evidenceKey: w.evidence_key,
    source: w.source,
    importId: w.import_id,
    raisedOn: w.raised_on,
    dueOn: w.due_on,
    status: w.status,
    assigneeId: w.assignee_id,
    outcome: outcomeOf(w.outcome),
    closeNote: w.close_note,
    closedBy: w.closed_by,
    closedAt: w.closed_at,
    determinationId: w.determination_id,
    referralId: w.referral_id,
    visits,
  };
}

/** Dashboard figures: open, urgent, overdue (escalated to managers), due this week, mine. */
export function counts(raw: BetterSqlite3.Database, now: Date, userId: number | null) {
  const today = todayIso(now);
  const weekEnd = WorkCalendar.load(raw).addWorkingDays(today, 5);
  const me = userId ?? -1;
  const r = first(
    raw,
    qb
      .selectFrom('warnings')
      .select((eb) => [
        eb.fn.countAll<number>().as('open'),
        eb.fn.sum<number | null>(eb('severity', '=', 'urgent')).as('urgent'),
        eb.fn.sum<number | null>(eb('due_on', '<', today)).as('overdue'),
        eb.fn.sum<number | null>(eb.and([eb('due_on', '>=', today), eb('due_on', '<=', weekEnd)])).as('dueSoon'),
        eb.fn.sum<number | null>(eb('assignee_id', 'is', null)).as('unassigned'),
        eb.fn.sum<number | null>(eb('assignee_id', '=', me)).as('mine'),
        eb.fn.sum<number | null>(eb.and([eb('assignee_id', '=', me), eb('due_on', '<', today)])).as('mineOverdue'),
      ])
      .where('status', '=', 'open'),
  );
  const byArea = all(
    raw,
    qb
      .selectFrom('warnings as w')
      .innerJoin('areas as v', 'v.id', 'w.area_id')
      .innerJoin('areas as t', 't.id', 'v.parent_id')
      .select((eb) => [
        't.id as areaId',
        't.name as township',
        eb.fn.countAll<number>().as('open'),
        eb.fn.sum<number | null>(eb('w.due_on', '<', today)).as('overdue'),
      ])
      .where('w.status', '=', 'open')
      .groupBy('t.id')
      .orderBy('t.name'),
  );
  const byRule = all(
    raw,
    qb
      .selectFrom('warnings')
      .select((eb) => ['rule', eb.fn.countAll<number>().as('open'), eb.fn.sum<number | null>(eb('due_on', '<', today)).as('overdue')])
      .where('status', '=', 'open')
      .groupBy('rule')
      .orderBy('rule'),
  );
  const n = (x: number | null | undefined) => x ?? 0;
  return {
    open: n(r?.open),
    urgent: n(r?.urgent),
    overdue: n(r?.overdue),
    dueSoon: n(r?.dueSoon),
    unassigned: n(r?.unassigned),
    mine: n(r?.mine),
    mineOverdue: n(r?.mineOverdue),
    byArea: byArea.map((a) => ({ areaId: a.areaId, township: a.township, open: a.open, overdue: n(a.overdue) })),
    byRule: byRule.map((a) => {
      const rule = codeOf(WARNING_RULES, a.rule);
      return { rule, ruleText: RULES[rule].zh, open: a.open, overdue: n(a.overdue) };
    }),
  };
}
