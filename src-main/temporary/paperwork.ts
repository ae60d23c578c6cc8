/**
 * The paperwork of 先行救助 (docs/rules/temporary-service-recovery.md §11.1): verification, a home visit
 * and — above 1 × S — 7 days' publicity after the fact, completed within 10 working days of the office
 * calendar after paying (src-main/monitoring/calendar.ts). When it is not, an urgent warning
 * `temporary.paperwork_overdue` goes on the monitoring queue — once per case, for a household of the
 * registry (the queue is by household; a non-local person's overdue case is listed on the Temporary screen).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appendChainEvent } from '../chain/events';
import { isIsoDate, todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { all, qb, run } from '../db/query';
import { WorkCalendar } from '../monitoring/calendar';
import { raiseWarning } from '../monitoring/warnings';
import { temporaryRulesOn } from './parameters';
import { caseState, mustGetCase } from './records';
import { BASIS_ZH } from './words';

export interface PaperworkInput {
  id: number;
  verifiedOn: string;
  visitedOn?: string | null;
  visitStaff?: string[];
  publicityFrom?: string | null;
  note: string;
}

export function recordPaperwork(raw: BetterSqlite3.Database, input: PaperworkInput, actor: Actor, now: Date): { id: number } {
  const today = todayIso(now);
  const date = (v: string | null | undefined, field: string) => {
    if (v == null || v === '') return null;
    if (!isIsoDate(v) || v > today) throw appError('invalid_input', 'A real date, not after today.', '请填写不晚于今天的有效日期。', field);
    return v;
  };
  return raw.transaction(() => {
    const c = mustGetCase(raw, input.id);
    if (c.track !== 'assist_first')
      throw appError('invalid_input', 'Paperwork after paying is for assist-first cases.', '仅先行救助需事后补办手续。', 'id');
    const st = caseState(raw, c);
    if (st.status === 'refused') throw appError('invalid_input', `Case ${c.number} was refused.`, `${c.number} 已不予救助。`, 'id');
    const verifiedOn = date(input.verifiedOn, 'verifiedOn');
    if (!verifiedOn)
      throw appError('invalid_input', 'Enter the date of the economic verification.', '请填写家庭经济状况核对日期。', 'verifiedOn');
    const visitedOn = date(input.visitedOn, 'visitedOn');
    const staff = [...new Set((input.visitStaff ?? []).map((s) => s.trim()).filter(Boolean))];
    // A home visit is made by at least two staff (docs/rules/assistance.md §7); a non-local person has no home here.
    if (c.household_id !== null && (!visitedOn || staff.length < 2))
      throw appError(
        'visit_needs_two',
        'Enter the home visit: its date and at least two staff.',
        '请填写入户调查日期及至少两名工作人员。',
        'visitStaff',
      );
    const publicityFrom = date(input.publicityFrom, 'publicityFrom');
    // §11.3: no publicity up to 1 × S; 7 days after the fact above it.
    if (c.band !== 'quick' && !publicityFrom)
      throw appError('invalid_input', 'Enter the first day of the 7 days of publicity.', '请填写公示（7 天）开始日期。', 'publicityFrom');
    const at = now.toISOString();
    const id = run(
      raw,
      qb.insertInto('temporary_paperwork').values({
        case_id: c.id,
        verified_on: verifiedOn,
        visited_on: visitedOn,
        visit_staff_json: JSON.stringify(staff),
        publicity_from: publicityFrom,
        note: input.note,
        recorded_by: actor.username,
        recorded_at: at,
      }),
    ).lastInsertRowid;
    if (c.household_id !== null)
      appendChainEvent(raw, {
        householdId: c.household_id,
        idNumber: c.id_number,
        at: verifiedOn,
        kind: 'visit',
        department: 'civil_affairs',
        basis: BASIS_ZH,
        item: 'temporary',
        status: 'recorded',
        refTable: 'temporary_cases',
        refId: c.id,
        summary: `先行救助 ${c.number} 补办手续：核对 ${verifiedOn}${visitedOn ? `，入户 ${visitedOn}（${staff.join('、')}）` : ''}${publicityFrom ? `，公示自 ${publicityFrom} 起 7 天` : ''}。${input.note}`,
        recordedBy: actor.username,
      });
    appendAudit(raw, {
      ...actor,
      action: 'paperwork',
      entity: 'temporary_case',
      entityId: c.number,
      summary: `${c.number} paperwork completed`,
      after: { verifiedOn, visitedOn, staff, publicityFrom, note: input.note },
      at,
    });
    return { id };
  })();
}

export interface PaperworkDue {
  caseId: number;
  number: string;
  householdId: number | null;
  idNumber: string;
  personName: string;
  paidOn: string;
  dueOn: string;
  done: boolean;
  overdue: boolean;
}

/** Every assist-first case not refused, with its deadline (working days after the first payment) and whether it is done. */
export function paperworkDue(raw: BetterSqlite3.Database, now: Date): PaperworkDue[] {
  const today = todayIso(now);
  const cal = WorkCalendar.load(raw);
  const rows = all(
    raw,
    qb
      .selectFrom('temporary_cases as c')
      .innerJoin('temporary_payments as p', (j) => j.onRef('p.case_id', '=', 'c.id').on('p.stage', '=', 1))
      .select((eb) => [
        'c.id',
        'c.number',
        'c.household_id',
        'c.id_number',
        'c.person_name',
        'p.paid_on',
        eb.exists(eb.selectFrom('temporary_paperwork as w').select('w.id').whereRef('w.case_id', '=', 'c.id')).as('done'),
      ])
      .where('c.track', '=', 'assist_first')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('temporary_decisions as d').select('d.id').whereRef('d.case_id', '=', 'c.id').where('d.step', '=', 'refuse'),
          ),
        ),
      )
      .orderBy('p.paid_on'),
  );
  return rows.map((r) => {
    const dueOn = cal.addWorkingDays(r.paid_on, temporaryRulesOn(raw, r.paid_on)['temporary.paperworkDays']);
    const done = !!r.done;
    return {
      caseId: r.id,
      number: r.number,
      householdId: r.household_id,
      idNumber: r.id_number,
      personName: r.person_name,
      paidOn: r.paid_on,
      dueOn,
      done,
      overdue: !done && dueOn < today,
    };
  });
}

/**
 * Raises `temporary.paperwork_overdue` for every overdue assist-first case of a household (once: the warning's
 * evidence key is the case number). Returns how many were raised now and how many are overdue in all.
 */
export function checkPaperwork(
  raw: BetterSqlite3.Database,
  now: Date,
  actor: Actor,
): { raised: number; overdue: number; overdueNonLocal: number } {
  const today = todayIso(now);
  const calendar = WorkCalendar.load(raw);
  return raw.transaction(() => {
    const due = paperworkDue(raw, now).filter((d) => d.overdue);
    let raised = 0;
    for (const d of due) {
      if (d.householdId === null) continue;
      const c = mustGetCase(raw, d.caseId);
      const areaId = c.area_id ?? c.township_id;
      if (
        raiseWarning(raw, {
          rule: 'temporary.paperwork_overdue',
          householdId: d.householdId,
          memberId: null,
          idNumber: d.idNumber,
          personName: d.personName,
          areaId,
          evidenceKey: `case:${d.number}`,
          evidence: `先行救助 ${d.number} 于 ${d.paidOn} 支付，手续应于 ${d.dueOn} 前补齐，至 ${today} 仍未补齐`,
          source: 'temporary',
          importId: null,
          raisedOn: today,
          department: 'civil_affairs',
          calendar,
          actor,
        })
      )
        raised++;
    }
    if (raised > 0)
      appendAudit(raw, {
        ...actor,
        action: 'check',
        entity: 'temporary_paperwork',
        summary: `${raised} assist-first case(s) with overdue paperwork raised as warnings`,
        at: now.toISOString(),
      });
    return { raised, overdue: due.length, overdueNonLocal: due.filter((d) => d.householdId === null).length };
  })();
}
