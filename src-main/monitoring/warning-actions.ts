/**
 * What staff do with a warning (docs/rules/assistance.md §4.2, §7): assign it, verify it on the
 * ground (a home visit needs at least two staff) and close it with one of four outcomes.
 * "Adjust" proposes a re-determination through the engine; "referral" pushes the need to the
 * responsible department (§5).
 */
import { codeWords } from '../common/audit-labels';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { first, qb, run } from '../db/query';
import { appendAudit } from '../audit/audit';
import { appendChainEvent } from '../chain/events';
import { propose } from '../decisions/determinations';
import { createReferral } from '../referrals/records';
import { appError } from '../common/errors';
import { todayIso } from '../common/dates';
import { RULES, OUTCOME_ZH } from '../common/warning-rules';
import {
  codeOf,
  WARNING_RULES,
  type AssistanceCode,
  type DepartmentCode,
  type Outcome,
  type WarningRuleId as RuleId,
} from '../common/codes';
import type { Actor, StaffActor } from '../audit/actor';
import { mustBeOpen, mustGet } from './warnings';

export function assign(raw: BetterSqlite3.Database, ids: number[], assigneeId: number, actor: Actor, now: Date): number {
  const u = first(raw, qb.selectFrom('users').select(['id', 'username', 'display_name', 'active']).where('id', '=', assigneeId));
  if (!u || !u.active)
    throw appError('not_found', `There is no active user #${assigneeId}.`, `没有编号为 ${assigneeId} 的在用账号。`, 'assigneeId');
  return raw.transaction(() => {
    let n = 0;
    for (const id of ids) {
      const w = mustGet(raw, id);
      mustBeOpen(w);
      run(raw, qb.updateTable('warnings').set({ assignee_id: assigneeId, assigned_at: now.toISOString() }).where('id', '=', id));
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
    const id = run(
      raw,
      qb.insertInto('warning_visits').values({
        warning_id: v.warningId,
        kind: v.kind,
        visit_date: v.visitDate,
        staff_json: JSON.stringify(staff),
        findings: v.findings,
        attachments_json: JSON.stringify(v.attachments ?? []),
        recorded_by: actor.username,
        recorded_at: now.toISOString(),
      }),
    ).lastInsertRowid;
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
      summary: `${codeWords(v.kind)} on ${v.visitDate} by ${staff.join(', ')}`,
      after: { visit: id, staff, findings: v.findings },
      at: now.toISOString(),
    });
    return id;
  })();
}

/** Where a referral goes for each rule when a warning closes with outcome "referral" (§5). */
const REFERRAL_FOR: Partial<Record<RuleId, { assistance: AssistanceCode; department: DepartmentCode }>> = {
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
  referral?: { assistance: AssistanceCode; department: DepartmentCode; reason?: string };
}

/**
 * Closes a warning. A verification must have been recorded first ("iron feet"). "adjust"
 * proposes a re-determination (source 'warning') through the engine on the household's
 * current facts — the clerk updates the facts first — and a manager decides it as usual.
 */
export function closeWarning(
  raw: BetterSqlite3.Database,
  c: CloseInput,
  actor: StaffActor,
  now: Date,
): { determinationId: number | null; referralId: number | null } {
  return raw.transaction(() => {
    const w = mustGet(raw, c.warningId);
    mustBeOpen(w);
    const visits =
      first(
        raw,
        qb
          .selectFrom('warning_visits')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('warning_id', '=', c.warningId),
      )?.n ?? 0;
    if (visits === 0)
      throw appError(
        'not_verified',
        'Record the verification or home visit before closing the warning.',
        '请先登记核查或入户调查情况，再办结预警。',
        'outcome',
      );
    let determinationId: number | null = null,
      referralId: number | null = null;
    const ruleId = codeOf(WARNING_RULES, w.rule);
    const rule = RULES[ruleId];
    if (c.outcome === 'adjust' || c.outcome === 'new_assistance') {
      if (c.outcome === 'adjust' || ruleId !== 'hospital_cost') {
        determinationId = propose(
          raw,
          {
            householdId: w.household_id,
            source: 'warning',
            note: `预警第 ${w.id} 号（${rule.zh}）核查后${OUTCOME_ZH[c.outcome]}：${c.note}`,
          },
          actor,
          now,
        );
      }
    }
    if (c.outcome === 'referral' || (c.outcome === 'new_assistance' && c.referral)) {
      const target = c.referral ?? REFERRAL_FOR[ruleId];
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
          reason: c.referral?.reason ?? `${rule.zh}：${c.note}`,
          source: 'warning',
          sourceId: w.id,
        },
        actor,
        now,
      );
    }
    run(
      raw,
      qb
        .updateTable('warnings')
        .set({
          status: 'closed',
          outcome: c.outcome,
          close_note: c.note,
          closed_by: actor.username,
          closed_at: now.toISOString(),
          determination_id: determinationId,
          referral_id: referralId,
        })
        .where('id', '=', w.id),
    );
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
      summary: `预警办结（${rule.zh}）：${OUTCOME_ZH[c.outcome]}。${c.note}`,
      recordedBy: actor.username,
    });
    appendAudit(raw, {
      ...actor,
      action: 'close',
      entity: 'warning',
      entityId: w.id,
      summary: `warning #${w.id} closed: ${codeWords(c.outcome)}`,
      after: { outcome: c.outcome, note: c.note, determinationId, referralId },
      at: now.toISOString(),
    });
    return { determinationId, referralId };
  })();
}
