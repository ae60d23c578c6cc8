/**
 * Needs assessments (docs/rules/temporary-service-recovery.md §12.2): seven areas scored 0 (no
 * need), 1 (some) or 2 (serious), each with a note; a date; at least one assessor, two for an
 * assessment made at home. An assessment is never changed: the yearly review is a new one. Who
 * is suggested for one (§12.1) is the engine's `service_assessment` entitlement.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appendChainEvent } from '../chain/events';
import { SERVICE_AREAS, type ServiceArea } from '../common/codes';
import { addMonths, todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { all, first, qb, run } from '../db/query';
import { AREA_ZH, SERVICE_BASIS } from './labels';

export type Scores = Record<ServiceArea, { score: 0 | 1 | 2; note: string }>;

export interface AssessmentInput {
  householdId: number;
  idNumber: string;
  assessedOn: string;
  atHome: boolean;
  assessors: string[];
  scores: Scores;
  note?: string | null;
}

export interface Assessment {
  id: number;
  householdId: number;
  idNumber: string;
  personName: string;
  assessedOn: string;
  atHome: boolean;
  assessors: string[];
  scores: Scores;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
  /** The date the yearly review falls due. */
  reviewDue: string;
}

/** The yearly review (§12.2) falls due a year after the assessment. */
export const reviewDueOn = (assessedOn: string) => `${addMonths(assessedOn.slice(0, 7), 12)}${assessedOn.slice(7)}`;

const score = (n: number): 0 | 1 | 2 => (n === 2 ? 2 : n === 1 ? 1 : 0);

type Row = NonNullable<ReturnType<typeof rowById>>;
const rowById = (raw: BetterSqlite3.Database, id: number) =>
  first(raw, qb.selectFrom('service_assessments').selectAll().where('id', '=', id));

function toAssessment(r: Row): Assessment {
  const notes: Partial<Record<ServiceArea, string>> = JSON.parse(r.notes_json); // written by assess(): area → note
  const assessors: string[] = JSON.parse(r.assessors_json); // written by assess(): names
  const scores = Object.fromEntries(SERVICE_AREAS.map((a) => [a, { score: score(r[a]), note: notes[a] ?? '' }])) as Scores; // every area, from the columns
  return {
    id: r.id,
    householdId: r.household_id,
    idNumber: r.id_number,
    personName: r.person_name,
    assessedOn: r.assessed_on,
    atHome: r.at_home === 1,
    assessors,
    scores,
    note: r.note,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    reviewDue: reviewDueOn(r.assessed_on),
  };
}

export function getAssessment(raw: BetterSqlite3.Database, id: number): Assessment {
  const r = rowById(raw, id);
  if (!r) throw appError('not_found', `There is no assessment #${id}.`, `没有第 ${id} 号需求评估。`, 'assessmentId');
  return toAssessment(r);
}

export function listAssessments(raw: BetterSqlite3.Database, f: { householdId?: number; idNumber?: string }): Assessment[] {
  let q = qb.selectFrom('service_assessments').selectAll();
  if (f.householdId !== undefined) q = q.where('household_id', '=', f.householdId);
  if (f.idNumber !== undefined) q = q.where('id_number', '=', f.idNumber);
  return all(raw, q.orderBy('assessed_on', 'desc').orderBy('id', 'desc').limit(2000)).map(toAssessment);
}

/** An active member of the household, by ID number. */
export function memberOf(raw: BetterSqlite3.Database, householdId: number, idNumber: string) {
  const m = first(
    raw,
    qb
      .selectFrom('members')
      .select(['id', 'name', 'status'])
      .where('household_id', '=', householdId)
      .where('id_number', '=', idNumber)
      .where('active', '=', 1),
  );
  if (!m) throw appError('not_found', 'This person is not a member of the household.', '此人不是该户成员。', 'idNumber');
  return m;
}

export function assess(raw: BetterSqlite3.Database, input: AssessmentInput, actor: Actor, now: Date): number {
  const assessors = [...new Set(input.assessors.map((a) => a.trim()).filter(Boolean))];
  if (assessors.length < 1) throw appError('invalid_input', 'Name the assessor.', '请填写评估人员。', 'assessors');
  if (input.atHome && assessors.length < 2)
    throw appError('invalid_input', 'An assessment at home is made by two staff.', '入户评估须由两名工作人员进行。', 'assessors');
  if (input.assessedOn > todayIso(now))
    throw appError('invalid_input', 'The assessment date is after today.', '评估日期晚于今天。', 'assessedOn');
  return raw.transaction(() => {
    const m = memberOf(raw, input.householdId, input.idNumber);
    const at = now.toISOString();
    const notes = Object.fromEntries(SERVICE_AREAS.map((a) => [a, input.scores[a].note.trim()]));
    const id = run(
      raw,
      qb.insertInto('service_assessments').values({
        household_id: input.householdId,
        id_number: input.idNumber,
        person_name: m.name,
        assessed_on: input.assessedOn,
        at_home: input.atHome ? 1 : 0,
        assessors_json: JSON.stringify(assessors),
        economic: input.scores.economic.score,
        health: input.scores.health.score,
        education: input.scores.education.score,
        housing: input.scores.housing.score,
        employment: input.scores.employment.score,
        guardianship: input.scores.guardianship.score,
        social_integration: input.scores.social_integration.score,
        notes_json: JSON.stringify(notes),
        note: input.note ?? null,
        recorded_by: actor.username,
        recorded_at: at,
      }),
    ).lastInsertRowid;
    const needs = SERVICE_AREAS.filter((a) => input.scores[a].score > 0).map((a) => `${AREA_ZH[a]}${input.scores[a].score}`);
    appendChainEvent(raw, {
      householdId: input.householdId,
      idNumber: input.idNumber,
      at: input.assessedOn,
      kind: 'entitlement',
      department: 'civil_affairs',
      basis: SERVICE_BASIS,
      item: 'service_assessment',
      status: 'assessed',
      refTable: 'service_assessments',
      refId: id,
      summary: `${m.name} 服务需求评估（${input.atHome ? '入户' : '面谈'}，${assessors.join('、')}）：${needs.length ? needs.join('、') : '无服务需求'}`,
      recordedBy: actor.username,
    });
    appendAudit(raw, {
      ...actor,
      action: 'assess',
      entity: 'household',
      entityId: input.householdId,
      summary: `needs assessment #${id} of ${m.name} on ${input.assessedOn}: ${needs.join(', ') || 'no need'}`,
      after: { ...input, assessors },
      at,
    });
    return id;
  })();
}

/** The latest assessment of each person who still is an active member, whose yearly review is due by `until`. */
export function dueReviews(raw: BetterSqlite3.Database, until: string): Assessment[] {
  const latest = all(
    raw,
    qb
      .selectFrom('service_assessments as a')
      .innerJoin('members as m', (j) => j.onRef('m.id_number', '=', 'a.id_number').onRef('m.household_id', '=', 'a.household_id'))
      .selectAll('a')
      .where('m.active', '=', 1)
      .where('m.status', '=', 'present')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('service_assessments as b')
              .select('b.id')
              .whereRef('b.id_number', '=', 'a.id_number')
              .where((eb) =>
                eb.or([
                  eb('b.assessed_on', '>', eb.ref('a.assessed_on')),
                  eb.and([eb('b.assessed_on', '=', eb.ref('a.assessed_on')), eb('b.id', '>', eb.ref('a.id'))]),
                ]),
              ),
          ),
        ),
      )
      .orderBy('a.assessed_on'),
  ).map(toAssessment);
  return latest.filter((a) => a.reviewDue <= until);
}

/** Whether the person's latest assessment is still current on `date` (made within the year before it). */
export function assessedWithinYear(raw: BetterSqlite3.Database, idNumber: string, date: string): Assessment | null {
  const r = first(
    raw,
    qb
      .selectFrom('service_assessments')
      .selectAll()
      .where('id_number', '=', idNumber)
      .where('assessed_on', '<=', date)
      .orderBy('assessed_on', 'desc')
      .orderBy('id', 'desc')
      .limit(1),
  );
  if (!r) return null;
  const a = toAssessment(r);
  return a.reviewDue > date ? a : null;
}
