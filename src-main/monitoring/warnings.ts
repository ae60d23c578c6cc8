/**
 * Warnings (ASSISTANCE-RULES §4.2): raised once per (rule, person, evidence key), each with
 * its severity, its due date in working days of the office calendar, the rule and its
 * evidence; assigned, verified on the ground (a home visit needs at least two staff, §7),
 * and closed with one of four outcomes. "Adjust" proposes a re-determination through the
 * engine; "referral" pushes the need to the responsible department. Overdue warnings are
 * flagged and counted for the manager.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { prepared } from '../db/prepared';
import { appendAudit } from '../audit/audit';
import { appendChainEvent } from '../chain/events';
import { propose } from '../decisions/determinations';
import { createReferral } from '../referrals/records';
import { appError } from '../common/errors';
import { todayIso } from '../common/dates';
import { maskIdNumber, maskName } from '../common/id-number';
import { WorkCalendar } from './calendar';
import { RULES, OUTCOME_ZH } from '../common/warning-rules';
import type { Outcome, WarningRuleId as RuleId } from '../common/codes';
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

const INSERT = `INSERT INTO warnings (rule, severity, household_id, member_id, id_number, person_name, area_id, evidence_key, evidence, source, import_id, raised_on, due_on, department, raised_by)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rule, id_number, evidence_key) DO NOTHING`;

/**
 * Inserts the warning unless the same (rule, person, evidence key) exists; true when raised. Inside the caller's transaction.
 * The assistance chain shows its raising from this row (migration 14, chain/events.ts listChain): no chain event is written.
 */
export function raiseWarning(raw: BetterSqlite3.Database, w: WarningDraft): boolean {
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

export interface QueueFilter {
  areaId?: number;
  severity?: 'urgent' | 'normal';
  status?: 'open' | 'closed' | 'all';
  assigneeId?: number | null;
  overdue?: boolean;
  householdId?: number;
  rule?: string;
  page?: number;
  pageSize?: number;
}

/**
 * The warning queue, paged. Area filters match a village or a whole township. Overdue means
 * open past its due date; age is in working days since raised. ID numbers and names are
 * shown in full only to roles that act on them (clerk, manager); §8 masks them otherwise.
 */
export function queue(raw: BetterSqlite3.Database, f: QueueFilter, now: Date, mask = false) {
  const today = todayIso(now);
  const where: string[] = [];
  const args: unknown[] = [];
  const status = f.status ?? 'open';
  if (status !== 'all') {
    where.push('w.status = ?');
    args.push(status);
  }
  if (f.severity) {
    where.push('w.severity = ?');
    args.push(f.severity);
  }
  if (f.areaId !== undefined) {
    where.push('(w.area_id = ? OR v.parent_id = ?)');
    args.push(f.areaId, f.areaId);
  }
  if (f.assigneeId === null) where.push('w.assignee_id IS NULL');
  else if (f.assigneeId !== undefined) {
    where.push('w.assignee_id = ?');
    args.push(f.assigneeId);
  }
  if (f.overdue) {
    where.push(`w.status = 'open' AND w.due_on < ?`);
    args.push(today);
  }
  if (f.householdId !== undefined) {
    where.push('w.household_id = ?');
    args.push(f.householdId);
  }
  if (f.rule) {
    where.push('w.rule = ?');
    args.push(f.rule);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from = `FROM warnings w JOIN areas v ON v.id = w.area_id JOIN areas t ON t.id = v.parent_id LEFT JOIN users u ON u.id = w.assignee_id`;
  const total = (raw.prepare(`SELECT COUNT(*) AS n ${from} ${w}`).get(...args) as { n: number }).n;
  const size = Math.min(f.pageSize ?? 50, 500);
  const page = Math.max(1, f.page ?? 1);
  const rows = raw
    .prepare(
      `SELECT w.*, v.name AS village, t.name AS township, u.display_name AS assignee_name,
      (SELECT COUNT(*) FROM warning_visits x WHERE x.warning_id = w.id) AS visits
    ${from} ${w} ORDER BY (w.status = 'open' AND w.due_on < ?) DESC, w.severity = 'urgent' DESC, w.due_on, w.id LIMIT ? OFFSET ?`,
    )
    .all(...args, today, size, (page - 1) * size) as any[];
  const cal = WorkCalendar.load(raw);
  return {
    total,
    page,
    pageSize: size,
    items: rows.map((r) => ({
      id: r.id,
      rule: r.rule,
      ruleText: RULES[r.rule as RuleId]?.zh ?? r.rule,
      severity: r.severity,
      householdId: r.household_id,
      idNumber: mask ? maskIdNumber(r.id_number) : r.id_number,
      personName: r.person_name === null ? null : mask ? maskName(r.person_name) : r.person_name,
      township: r.township,
      village: r.village,
      evidence: r.evidence,
      source: r.source,
      raisedOn: r.raised_on,
      dueOn: r.due_on,
      ageWorkingDays: cal.workingDaysBetween(r.raised_on, today),
      overdue: r.status === 'open' && r.due_on < today,
      status: r.status,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name ?? null,
      visits: r.visits,
      outcome: r.outcome,
      closedAt: r.closed_at,
      determinationId: r.determination_id,
      referralId: r.referral_id,
    })),
  };
}

function mustGet(raw: BetterSqlite3.Database, id: number) {
  const w = raw.prepare(`SELECT * FROM warnings WHERE id = ?`).get(id) as any;
  if (!w) throw appError('not_found', `There is no warning #${id}.`, `没有第 ${id} 号预警。`);
  return w;
}
function mustBeOpen(w: any) {
  if (w.status !== 'open') throw appError('warning_closed', `Warning #${w.id} is already closed.`, `第 ${w.id} 号预警已办结。`);
}

export function getWarning(raw: BetterSqlite3.Database, id: number) {
  const w = mustGet(raw, id);
  const visits = (raw.prepare(`SELECT * FROM warning_visits WHERE warning_id = ? ORDER BY id`).all(id) as any[]).map((v) => ({
    id: v.id,
    kind: v.kind,
    visitDate: v.visit_date,
    staff: JSON.parse(v.staff_json),
    findings: v.findings,
    attachments: JSON.parse(v.attachments_json),
    recordedBy: v.recorded_by,
    recordedAt: v.recorded_at,
  }));
  return {
    id: w.id,
    rule: w.rule,
    ruleText: RULES[w.rule as RuleId]?.zh ?? w.rule,
    action: RULES[w.rule as RuleId]?.action ?? '',
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
    outcome: w.outcome,
    closeNote: w.close_note,
    closedBy: w.closed_by,
    closedAt: w.closed_at,
    determinationId: w.determination_id,
    referralId: w.referral_id,
    visits,
  };
}

export function assign(raw: BetterSqlite3.Database, ids: number[], assigneeId: number, actor: Actor, now: Date): number {
  const u = raw.prepare(`SELECT id, username, display_name, active FROM users WHERE id = ?`).get(assigneeId) as any;
  if (!u || !u.active)
    throw appError('not_found', `There is no active user #${assigneeId}.`, `没有编号为 ${assigneeId} 的在用账号。`, 'assigneeId');
  return raw.transaction(() => {
    let n = 0;
    for (const id of ids) {
      const w = mustGet(raw, id);
      mustBeOpen(w);
      raw.prepare(`UPDATE warnings SET assignee_id = ?, assigned_at = ? WHERE id = ?`).run(assigneeId, now.toISOString(), id);
      appendAudit(raw, {
        ...actor,
        action: 'assign',
        entity: 'warning',
        entityId: id,
        summary: `warning #${id} assigned to ${u.username}`,
        before: { assigneeId: w.assignee_id },
        after: { assigneeId },
        at: now.toISOString(),
      });
      n++;
    }
    return n;
  })();
}

export interface VisitInput {
  warningId: number;
  kind: 'verification' | 'home_visit';
  visitDate: string;
  staff: string[];
  findings: string;
  attachments?: { name: string; sha256?: string; note?: string }[];
}

export function recordVisit(raw: BetterSqlite3.Database, v: VisitInput, actor: Actor, now: Date): number {
  const staff = [...new Set(v.staff.map((s) => s.trim()).filter(Boolean))];
  // §7: a home visit is made by at least two staff.
  if (v.kind === 'home_visit' && staff.length < 2)
    throw appError('visit_needs_two', 'A home visit needs at least two staff.', '入户调查须至少两名工作人员。', 'staff');
  if (staff.length === 0) throw appError('invalid_input', 'Name who verified.', '请填写核查人员。', 'staff');
  if (v.visitDate > todayIso(now)) throw appError('invalid_input', 'The visit date is in the future.', '核查日期晚于今天。', 'visitDate');
  return raw.transaction(() => {
    const w = mustGet(raw, v.warningId);
    mustBeOpen(w);
    const id = Number(
      raw
        .prepare(
          `INSERT INTO warning_visits (warning_id, kind, visit_date, staff_json, findings, attachments_json, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          v.warningId,
          v.kind,
          v.visitDate,
          JSON.stringify(staff),
          v.findings,
          JSON.stringify(v.attachments ?? []),
          actor.username,
          now.toISOString(),
        ).lastInsertRowid,
    );
    appendChainEvent(raw, {
      householdId: w.household_id,
      idNumber: w.id_number,
      at: v.visitDate,
      kind: 'visit',
      department: 'civil_affairs',
      item: v.kind,
      status: 'recorded',
      refTable: 'warning_visits',
      refId: id,
      summary: `${v.kind === 'home_visit' ? '入户调查' : '核查'}（${staff.join('、')}）：${v.findings}`,
      recordedBy: actor.username,
    });
    appendAudit(raw, {
      ...actor,
      action: 'visit',
      entity: 'warning',
      entityId: v.warningId,
      summary: `${v.kind} on ${v.visitDate} by ${staff.join(', ')}`,
      after: { visit: id, staff, findings: v.findings },
      at: now.toISOString(),
    });
    return id;
  })();
}

/** Where a referral goes for each rule when a warning closes with outcome "referral" (§5). */
const REFERRAL_FOR: Partial<Record<RuleId, { assistance: string; department: string }>> = {
  hospital_cost: { assistance: 'medical', department: 'medical_insurance' },
  unemployment: { assistance: 'employment', department: 'hrss' },
  disaster: { assistance: 'temporary', department: 'civil_affairs' },
  graduated: { assistance: 'employment', department: 'hrss' },
  monitoring_flag: { assistance: 'temporary', department: 'civil_affairs' },
};

export interface CloseInput {
  warningId: number;
  outcome: Outcome;
  note: string;
  referral?: { assistance: string; department: string; reason?: string };
}

/**
 * Closes a warning. A verification must have been recorded first ("iron feet"). "adjust"
 * proposes a re-determination (source 'warning') through the engine on the household's
 * current facts — the clerk updates the facts first — and a manager decides it as usual.
 */
export function closeWarning(
  raw: BetterSqlite3.Database,
  c: CloseInput,
  actor: Actor & { userId: number },
  now: Date,
): { determinationId: number | null; referralId: number | null } {
  return raw.transaction(() => {
    const w = mustGet(raw, c.warningId);
    mustBeOpen(w);
    const visits = (raw.prepare(`SELECT COUNT(*) AS n FROM warning_visits WHERE warning_id = ?`).get(c.warningId) as { n: number }).n;
    if (visits === 0)
      throw appError(
        'not_verified',
        'Record the verification or home visit before closing the warning.',
        '请先登记核查或入户调查情况，再办结预警。',
        'outcome',
      );
    let determinationId: number | null = null,
      referralId: number | null = null;
    const rule = RULES[w.rule as RuleId];
    if (c.outcome === 'adjust' || c.outcome === 'new_assistance') {
      if (c.outcome === 'adjust' || w.rule !== 'hospital_cost') {
        determinationId = propose(
          raw,
          {
            householdId: w.household_id,
            source: 'warning',
            note: `预警第 ${w.id} 号（${rule?.zh ?? w.rule}）核查后${OUTCOME_ZH[c.outcome]}：${c.note}`,
          },
          actor,
          now,
        );
      }
    }
    if (c.outcome === 'referral' || (c.outcome === 'new_assistance' && c.referral)) {
      const target = c.referral ?? REFERRAL_FOR[w.rule as RuleId];
      if (!target)
        throw appError(
          'referral_target',
          'Say which assistance and department the referral is for.',
          '请选择推送的救助类别和部门。',
          'referral',
        );
      referralId = createReferral(
        raw,
        {
          householdId: w.household_id,
          idNumber: w.id_number,
          assistance: target.assistance,
          department: target.department,
          reason: c.referral?.reason ?? `${rule?.zh ?? w.rule}：${c.note}`,
          source: 'warning',
          sourceId: w.id,
        },
        actor,
        now,
      );
    }
    raw
      .prepare(
        `UPDATE warnings SET status = 'closed', outcome = ?, close_note = ?, closed_by = ?, closed_at = ?, determination_id = ?, referral_id = ? WHERE id = ?`,
      )
      .run(c.outcome, c.note, actor.username, now.toISOString(), determinationId, referralId, w.id);
    appendChainEvent(raw, {
      householdId: w.household_id,
      idNumber: w.id_number,
      at: now.toISOString(),
      kind: 'warning',
      department: 'civil_affairs',
      item: w.rule,
      status: 'closed',
      refTable: 'warnings',
      refId: w.id,
      summary: `预警办结（${rule?.zh ?? w.rule}）：${OUTCOME_ZH[c.outcome]}。${c.note}`,
      recordedBy: actor.username,
    });
    appendAudit(raw, {
      ...actor,
      action: 'close',
      entity: 'warning',
      entityId: w.id,
      summary: `warning #${w.id} closed: ${c.outcome}`,
      after: { outcome: c.outcome, note: c.note, determinationId, referralId },
      at: now.toISOString(),
    });
    return { determinationId, referralId };
  })();
}

/** Dashboard figures: open, urgent, overdue (escalated to managers), due this week, mine. */
export function counts(raw: BetterSqlite3.Database, now: Date, userId: number | null) {
  const today = todayIso(now);
  const weekEnd = WorkCalendar.load(raw).addWorkingDays(today, 5);
  const r = raw
    .prepare(
      `SELECT COUNT(*) AS open, SUM(severity = 'urgent') AS urgent, SUM(due_on < ?) AS overdue, SUM(due_on >= ? AND due_on <= ?) AS dueSoon,
      SUM(assignee_id IS NULL) AS unassigned, SUM(assignee_id = ?) AS mine, SUM(assignee_id = ? AND due_on < ?) AS mineOverdue FROM warnings WHERE status = 'open'`,
    )
    .get(today, today, weekEnd, userId ?? -1, userId ?? -1, today) as Record<string, number | null>;
  const byArea = raw
    .prepare(
      `SELECT t.id AS areaId, t.name AS township, COUNT(*) AS open, SUM(w.due_on < ?) AS overdue FROM warnings w JOIN areas v ON v.id = w.area_id JOIN areas t ON t.id = v.parent_id
      WHERE w.status = 'open' GROUP BY t.id ORDER BY t.name`,
    )
    .all(today) as any[];
  const byRule = raw
    .prepare(`SELECT rule, COUNT(*) AS open, SUM(due_on < ?) AS overdue FROM warnings WHERE status = 'open' GROUP BY rule ORDER BY rule`)
    .all(today) as any[];
  const n = (x: number | null | undefined) => x ?? 0;
  return {
    open: n(r.open),
    urgent: n(r.urgent),
    overdue: n(r.overdue),
    dueSoon: n(r.dueSoon),
    unassigned: n(r.unassigned),
    mine: n(r.mine),
    mineOverdue: n(r.mineOverdue),
    byArea: byArea.map((a) => ({ areaId: a.areaId, township: a.township, open: a.open, overdue: n(a.overdue) })),
    byRule: byRule.map((a) => ({ rule: a.rule, ruleText: RULES[a.rule as RuleId]?.zh ?? a.rule, open: a.open, overdue: n(a.overdue) })),
  };
}
