/**
 * Applications and their stages (docs/rules/assistance.md §7; docs/rules/workstations.md, "Delegation, time limits and
 * checks"): a case is opened from a household, its township read from the household's area; each stage is a new row naming
 * who recorded it, when, at which level and on which station; moving on checks what the stage needs. One transaction each,
 * with its audit entry.
 */
import { AUDIT_ACTION_LABEL } from '../common/audit-labels';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Actor } from '../audit/actor';
import { appendAudit } from '../audit/audit';
import { todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { first, qb, run } from '../db/query';
import { WorkCalendar } from '../monitoring/calendar';
import { delegationOn } from './delegation';
import { caseClock, CLOSED, LIMITS, stageOf, type CaseEvent } from './limits';
import { mayRecord, stationHere, type Level, type StationInfo } from './station';
import { readCase, eventsOf } from './read';

export type AppliedTier = 'tekun' | 'dibao' | 'marginal';

export interface NewCase {
  householdId: number;
  tierApplied: AppliedTier;
  receivedOn: string;
  relativeOfStaff: boolean;
  relativeNote?: string;
}

const err = (code: string, en: string, zh: string, field?: string) => appError(code, en, zh, field);

function checkDate(on: string, receivedOn: string, today: string, field = 'on'): void {
  if (on > today) throw err('date_in_future', 'The date is after today.', '日期晚于今天。', field);
  if (on < receivedOn) throw err('date_before_application', 'The date is before the application.', '日期早于申请日期。', field);
}

/** Opens a case for a household; its township is the one of the household's village. */
export function openCase(
  raw: BetterSqlite3.Database,
  c: NewCase,
  actor: Actor,
  now: Date,
  station: StationInfo = stationHere(raw),
): number {
  const today = todayIso(now);
  if (c.receivedOn > today) throw err('date_in_future', 'The date is after today.', '日期晚于今天。', 'receivedOn');
  if (c.relativeOfStaff && !c.relativeNote?.trim())
    throw err('relative_note', 'Say whose relative the applicant is.', '请写明申请人是哪位工作人员的近亲属。', 'relativeNote');
  return raw.transaction(() => {
    const h = first(
      raw,
      qb
        .selectFrom('households as h')
        .innerJoin('areas as v', 'v.id', 'h.area_id')
        .select(['h.id', 'v.parent_id as townshipId'])
        .where('h.id', '=', c.householdId),
    );
    if (!h) throw err('not_found', 'No such household.', '没有这户。', 'householdId');
    if (h.townshipId === null) throw err('no_township', "The household's area has no township.", '该户所在地区没有乡镇。', 'householdId');
    if (!mayRecord(station, 'township', h.townshipId))
      throw err(
        'wrong_station',
        "This station does not take applications for that household's township.",
        '本工作站不受理该户所在乡镇的申请。',
        'householdId',
      );
    const open = first(raw, qb.selectFrom('cases').select('id').where('household_id', '=', c.householdId).orderBy('id', 'desc'));
    if (open && !CLOSED.includes(stageOf(eventsOf(raw, open.id))))
      throw err(
        'case_open',
        `This household already has an open application (no. ${open.id}).`,
        `该户已有办理中的申请（第 ${open.id} 号）。`,
        'householdId',
      );
    const id = Number(
      run(
        raw,
        qb.insertInto('cases').values({
          household_id: c.householdId,
          township_id: h.townshipId,
          tier_applied: c.tierApplied,
          received_on: c.receivedOn,
          relative_of_staff: c.relativeOfStaff ? 1 : 0,
          relative_note: c.relativeOfStaff ? c.relativeNote!.trim() : null,
          station: station.id,
          level: 'township',
          recorded_by: actor.username,
          recorded_at: now.toISOString(),
        }),
      ).lastInsertRowid,
    );
    appendAudit(raw, {
      ...actor,
      action: 'create',
      entity: 'case',
      entityId: id,
      summary: `application received ${c.receivedOn} (${c.tierApplied})${c.relativeOfStaff ? ', relative of staff' : ''}`,
      after: c,
      at: now.toISOString(),
    });
    return id;
  })();
}

export type StepInput =
  | { kind: 'investigation_started'; on: string }
  | { kind: 'home_visit'; on: string; level: Level; staff: string[]; findings: string }
  | { kind: 'investigated'; on: string }
  | { kind: 'check_started'; on: string }
  | { kind: 'publicity'; on: string }
  | { kind: 'objection'; on: string; by?: string; what: string; handling: string }
  | { kind: 'appraisal'; on: string; minutes: string; outcome: 'eligible' | 'not_eligible' }
  | { kind: 'extended'; on: string; reason: string }
  | { kind: 'decided'; on: string; level?: Level; reason: string; determinationId?: number }
  | { kind: 'refused'; on: string; level?: Level; reason: string; determinationId?: number }
  | { kind: 'withdrawn'; on: string; reason: string };

/** The level a stage belongs to (workstations.md, "Who owns what"); a decision's is the one asked for, checked against delegation. */
const NATURAL: Record<StepInput['kind'], Level> = {
  investigation_started: 'township',
  home_visit: 'township',
  investigated: 'township',
  check_started: 'county',
  publicity: 'township',
  objection: 'township',
  appraisal: 'township',
  extended: 'county',
  decided: 'county',
  refused: 'county',
  withdrawn: 'township',
};

/** What the stage needs before it is recorded; throws the reason, in both languages, naming the field. */
function check(step: StepInput, c: ReturnType<typeof readCase>, events: CaseEvent[], raw: BetterSqlite3.Database, today: string): void {
  const stage = stageOf(events);
  const hasKind = (k: string) => events.some((e) => e.kind === k);
  if (CLOSED.includes(stage)) throw err('case_closed', 'This application is closed.', '该申请已办结。');
  const needStage = (s: string, en: string, zh: string) => {
    if (stage !== s) throw err('wrong_stage', en, zh);
  };
  switch (step.kind) {
    case 'investigation_started':
      if (hasKind('investigation_started')) throw err('already_recorded', 'The investigation has already started.', '调查已经开始。');
      return;
    case 'home_visit':
      if (step.staff.filter((s) => s.trim()).length < 2)
        throw err('visit_staff', 'A home visit is made by at least 2 staff.', '入户调查须至少 2 名工作人员。', 'staff');
      if (stage !== 'received' && stage !== 'investigated')
        throw err('wrong_stage', 'Home visits are recorded before publicity.', '入户调查须在公示前登记。');
      return;
    case 'investigated': {
      needStage('received', 'The investigation is already complete.', '调查已经完成。');
      if (!hasKind('investigation_started'))
        throw err('needs_investigation_start', 'Record the start of the investigation first.', '请先登记调查开始。');
      const visits = events.filter((e) => e.kind === 'home_visit');
      if (visits.length === 0) throw err('needs_visit', 'A home visit by 2 staff is needed first.', '须先完成 2 名工作人员的入户调查。');
      if (c.relativeOfStaff && !visits.some((v) => v.level === 'county'))
        throw err(
          'needs_county_visit',
          'The applicant is a close relative of staff: the county makes the home visit itself.',
          '申请人为工作人员近亲属：须由县级入户调查。',
        );
      return;
    }
    case 'check_started':
      if (stage === 'received') throw err('wrong_stage', 'The township has not completed its investigation.', '乡镇尚未完成调查。');
      if (hasKind('check_started')) throw err('already_recorded', 'The check has already started.', '核对已经开始。');
      return;
    case 'publicity':
      needStage('investigated', 'Publicity follows a completed investigation.', '公示须在调查完成后进行。');
      return;
    case 'objection': {
      needStage('publicised', 'Objections are recorded during publicity.', '异议须在公示期间登记。');
      const from = events.filter((e) => e.kind === 'publicity').at(-1)!.onDate;
      const to = new Date(Date.parse(`${from}T00:00:00Z`) + (LIMITS.publicityDays - 1) * 86_400_000).toISOString().slice(0, 10);
      if (step.on < from || step.on > to)
        throw err(
          'outside_publicity',
          `Objections are raised during publicity (${from} to ${to}).`,
          `异议须在公示期内（${from} 至 ${to}）提出。`,
          'on',
        );
      return;
    }
    case 'appraisal': {
      const last = events.filter((e) => e.kind === 'objection').at(-1);
      if (!last)
        throw err(
          'no_objection',
          'Democratic appraisal is held only when publicity raised an objection.',
          '仅在公示有异议时召开民主评议。',
        );
      if (events.some((e) => e.kind === 'appraisal' && e.id > last.id))
        throw err('already_recorded', 'The objection has already been appraised.', '该异议已经评议。');
      if (step.on < last.onDate)
        throw err('date_before_objection', 'The appraisal is held after the objection.', '评议须在异议之后。', 'on');
      return;
    }
    case 'extended':
      if (hasKind('extended'))
        throw err(
          'extension_limit',
          'The case is already extended to 45 working days, the legal maximum.',
          '已延长至 45 个工作日，为法定上限。',
        );
      return;
    case 'decided':
    case 'refused': {
      needStage('publicised', 'A decision follows publicity.', '须公示后才能审批。');
      const clock = caseClock(c.receivedOn, events, WorkCalendar.load(raw), today);
      if (step.on <= clock.publicityTo!)
        throw err(
          'publicity_running',
          `Publicity lasts 7 days, until ${clock.publicityTo}: decide after that.`,
          `公示期 7 天，至 ${clock.publicityTo}，期满后才能审批。`,
          'on',
        );
      if (clock.objection && !clock.appraised)
        throw err(
          'needs_appraisal',
          'Publicity raised an objection: record the democratic appraisal first.',
          '公示有异议：须先登记民主评议。',
        );
      if (step.kind === 'refused' && step.reason.trim().length < 4)
        throw err('refusal_reason', 'A refusal is given in writing, with its reasons.', '不予批准须书面说明理由。', 'reason');
      if (step.level === 'township') {
        const d = delegationOn(raw, step.on);
        const may = c.tierApplied === 'dibao' ? d?.townshipsDecideDibao : c.tierApplied === 'tekun' ? d?.townshipsDecideTekun : false;
        if (!may)
          throw err('not_delegated', 'The county has not delegated this decision to townships.', '县级未将此项审批委托乡镇。', 'level');
      }
      return;
    }
    case 'withdrawn':
      return;
  }
}

/** Records one stage of case `id`; answers the new event's id. */
export function recordStep(
  raw: BetterSqlite3.Database,
  id: number,
  step: StepInput,
  actor: Actor,
  now: Date,
  station: StationInfo = stationHere(raw),
): number {
  const today = todayIso(now);
  return raw.transaction(() => {
    const c = readCase(raw, id);
    const events = eventsOf(raw, id);
    checkDate(step.on, c.receivedOn, today);
    check(step, c, events, raw, today);
    const level: Level = ('level' in step && step.level) || NATURAL[step.kind];
    if (!mayRecord(station, level, c.townshipId))
      throw err('wrong_station', 'This station may not record that stage.', '本工作站不能登记该环节。', 'level');
    const { kind, on, ...detail } = step;
    if ('level' in detail) delete detail.level;
    const eventId = Number(
      run(
        raw,
        qb.insertInto('case_events').values({
          case_id: id,
          kind,
          on_date: on,
          level,
          station: station.id,
          detail_json: JSON.stringify(detail),
          recorded_by: actor.username,
          recorded_at: now.toISOString(),
        }),
      ).lastInsertRowid,
    );
    appendAudit(raw, {
      ...actor,
      action: kind,
      entity: 'case',
      entityId: id,
      summary: `case ${id}: ${AUDIT_ACTION_LABEL[kind].en} on ${on} (${level})`,
      after: { kind, on, level, ...detail },
      at: now.toISOString(),
    });
    return eventId;
  })();
}

/**
 * A determination decided for a household closes its open case when the case is ready for a decision (docs/rules/assistance.md
 * §7: the decision ends the procedure); otherwise the case stays as it is and shows on its clock. Inside the caller's transaction.
 */
export function closeCaseOnDecision(
  raw: BetterSqlite3.Database,
  householdId: number,
  d: { determinationId: number; approved: boolean; reason: string },
  actor: Actor,
  now: Date,
): number | null {
  const c = first(raw, qb.selectFrom('cases').select('id').where('household_id', '=', householdId).orderBy('id', 'desc'));
  if (!c) return null;
  const station = stationHere(raw);
  const level: Level | undefined = station.level === 'township' ? 'township' : undefined;
  // A township station decides only what the county delegated (checked by check() against the delegation settings).
  const step: StepInput = {
    kind: d.approved ? 'decided' : 'refused',
    on: todayIso(now),
    level,
    reason: d.reason,
    determinationId: d.determinationId,
  };
  const kase = readCase(raw, c.id);
  try {
    check(step, kase, eventsOf(raw, c.id), raw, todayIso(now));
  } catch {
    return null;
  }
  if (!mayRecord(station, level ?? 'county', kase.townshipId)) return null;
  return recordStep(raw, c.id, step, actor, now, station);
}
