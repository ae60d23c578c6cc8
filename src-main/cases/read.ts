/**
 * Reading cases: one with its stages and clock, the list by stage with working days left (filtered and sorted by the
 * service, docs/rules/workstations.md "Each case shows its stage and the days left"), and whether the calendar is kept.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { parseJson } from '../common/json';
import { all, first, qb } from '../db/query';
import { WorkCalendar } from '../monitoring/calendar';
import { caseClock, CountedDays, type CaseClock, type CaseEvent, type Detail } from './limits';

/** A stage's details as stored (an object written by ./cases.ts recordStep). */
function parseJsonObject(text: string): Record<string, Detail> {
  const v = parseJson(text);
  const out: Record<string, Detail> = {};
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return out;
  for (const [k, x] of Object.entries(v))
    if (x === null || typeof x !== 'object') out[k] = x;
    else if (Array.isArray(x)) out[k] = x.map(String);
  return out;
}

export function readCase(raw: BetterSqlite3.Database, id: number) {
  const c = first(raw, qb.selectFrom('cases').selectAll().where('id', '=', id));
  if (!c) throw appError('not_found', `No application ${id}.`, `没有第 ${id} 号申请。`, 'id');
  return {
    id: c.id,
    householdId: c.household_id,
    townshipId: c.township_id,
    tierApplied: c.tier_applied,
    receivedOn: c.received_on,
    relativeOfStaff: c.relative_of_staff === 1,
    relativeNote: c.relative_note,
    station: c.station,
    recordedBy: c.recorded_by,
    recordedAt: c.recorded_at,
  };
}

const eventRows = () =>
  qb
    .selectFrom('case_events')
    .select(['id', 'case_id', 'kind', 'on_date', 'level', 'station', 'detail_json', 'recorded_by', 'recorded_at']);
type EventRow = { id: number; kind: CaseEvent['kind']; on_date: string; level: 'township' | 'county'; detail_json: string };
const toEvent = (e: EventRow): CaseEvent => ({
  id: e.id,
  kind: e.kind,
  onDate: e.on_date,
  level: e.level,
  detail: parseJsonObject(e.detail_json),
});

export function eventsOf(raw: BetterSqlite3.Database, caseId: number): CaseEvent[] {
  return all(raw, eventRows().where('case_id', '=', caseId).orderBy('id')).map(toEvent);
}

/** The calendar years the deadlines of `today` reach (this one and the next) that have no day listed: weekends alone count then. */
export function calendarGaps(raw: BetterSqlite3.Database, today: string): string[] {
  const y = Number(today.slice(0, 4));
  return [String(y), String(y + 1)].filter(
    (year) => !first(raw, qb.selectFrom('work_calendar').select('date').where('date', 'like', `${year}-%`)),
  );
}

export interface CaseRow extends CaseClock {
  id: number;
  householdId: number;
  headName: string;
  township: string;
  townshipId: number;
  village: string;
  tierApplied: 'tekun' | 'dibao' | 'marginal';
  receivedOn: string;
  relativeOfStaff: boolean;
  decidedAt: 'township' | 'county' | null;
}

/** Every case with its clock on `today` (a county's cases are a few thousand a year: computed in one pass over two queries). */
export function allCases(raw: BetterSqlite3.Database, today: string, townshipId?: number): CaseRow[] {
  const cal = new CountedDays(WorkCalendar.load(raw));
  let q = qb
    .selectFrom('cases as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .innerJoin('areas as v', 'v.id', 'h.area_id')
    .innerJoin('areas as t', 't.id', 'c.township_id')
    .select((eb) => [
      'c.id',
      'c.household_id',
      'c.township_id',
      'c.tier_applied',
      'c.received_on',
      'c.relative_of_staff',
      'v.name as village',
      't.name as township',
      eb
        .selectFrom('members as m')
        .select('m.name')
        .whereRef('m.household_id', '=', 'h.id')
        .where('m.relation', '=', 'head')
        .where('m.active', '=', 1)
        .limit(1)
        .as('head'),
    ]);
  if (townshipId !== undefined) q = q.where('c.township_id', '=', townshipId);
  const cases = all(raw, q.orderBy('c.id'));
  const byCase = new Map<number, CaseEvent[]>();
  let eq = eventRows().orderBy('id');
  if (townshipId !== undefined) eq = eq.where('case_id', 'in', qb.selectFrom('cases').select('id').where('township_id', '=', townshipId));
  for (const e of all(raw, eq)) {
    let list = byCase.get(e.case_id);
    if (!list) byCase.set(e.case_id, (list = []));
    list.push(toEvent(e));
  }
  return cases.map((c) => {
    const events = byCase.get(c.id) ?? [];
    const closing = events.find((e) => e.kind === 'decided' || e.kind === 'refused');
    return {
      id: c.id,
      householdId: c.household_id,
      headName: c.head ?? '',
      township: c.township,
      townshipId: c.township_id,
      village: c.village,
      tierApplied: c.tier_applied,
      receivedOn: c.received_on,
      relativeOfStaff: c.relative_of_staff === 1,
      decidedAt: closing?.level ?? null,
      ...caseClock(c.received_on, events, cal, today),
    };
  });
}

export function getCase(raw: BetterSqlite3.Database, id: number, now: Date) {
  const c = readCase(raw, id);
  const row = allCases(raw, todayIso(now), c.townshipId).find((r) => r.id === id)!;
  const events = all(raw, eventRows().where('case_id', '=', id).orderBy('id')).map((e) => ({
    id: e.id,
    kind: e.kind,
    onDate: e.on_date,
    level: e.level,
    station: e.station,
    detail: parseJsonObject(e.detail_json),
    recordedBy: e.recorded_by,
    recordedAt: e.recorded_at,
  }));
  return { ...row, relativeNote: c.relativeNote, station: c.station, recordedBy: c.recordedBy, recordedAt: c.recordedAt, events };
}
