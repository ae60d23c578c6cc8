/**
 * Review schedule (docs/rules/assistance.md §4.1): each household in a tier has a next review from
 * its review class and tier — dibao A and B yearly, C quarterly (urban) or half-yearly
 * (rural); 特困, marginal and rigid-expenditure households yearly (rigid: "≤ 12 months").
 * The class is the one of the household's last approved determination; for a household
 * loaded without one it is derived from the members by §4.1's definition.
 */
import { codeWords } from '../common/audit-labels';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { sql } from 'kysely';
import { all, first, qb, run } from '../db/query';
import { appendAudit } from '../audit/audit';
import { appendChainEvent } from '../chain/events';
import { ageOn, todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { codeOf, type ReviewOutcome } from '../common/codes';
import { TIERS, type Tier } from '../common/household-file';
import type { Actor } from '../audit/actor';

export type ReviewClass = 'A' | 'B' | 'C' | null;

/** Months between reviews. */
export function reviewMonths(tier: Tier, cls: ReviewClass, residence: 'urban' | 'rural'): number {
  if (tier === 'dibao' && cls === 'C') return residence === 'urban' ? 3 : 6;
  return 12;
}

export function addMonthsToDate(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + n);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

export interface MemberRow {
  household_id: number;
  birth_date: string;
  status: string;
  labour: string;
  illness: string | null;
  disability_grade: number | null;
  schooling: string | null;
}

/** §4.1: A — no able-bodied working-age member; B — every such member employed; C — otherwise. */
export function classFromMembers(members: MemberRow[], today: string): 'A' | 'B' | 'C' {
  const able = members.filter((m) => {
    const age = ageOn(m.birth_date, today);
    const student =
      m.schooling !== null && ['senior', 'vocational', 'college', 'bachelor', 'postgraduate'].includes(m.schooling) && m.labour === 'none';
    return (
      m.status === 'present' &&
      age >= 18 &&
      age <= 59 &&
      !(m.disability_grade !== null && m.disability_grade <= 2) &&
      m.illness !== 'critical' &&
      !student &&
      m.labour !== 'unable'
    );
  });
  if (able.length === 0) return 'A';
  return able.every((m) => m.labour === 'employed') ? 'B' : 'C';
}

export interface ReviewDue {
  householdId: number;
  headName: string;
  township: string;
  village: string;
  tier: Tier;
  reviewClass: ReviewClass;
  lastReviewOn: string;
  nextReviewOn: string;
  overdue: boolean;
}

/**
 * The review class and decision date of household `h`'s last approved determination, read from an index (migration 12).
 * One scalar subquery gives both (class|date); tests/integration/db/query-plans.test.ts checks its plan, so it is kept as text.
 */
export const LAST_APPROVED_SQL = `SELECT d.review_class || '|' || substr(dd.decided_at, 1, 10) FROM determinations d
  JOIN determination_decisions dd ON dd.determination_id = d.id AND dd.decision = 'approved' WHERE d.household_id = h.id ORDER BY d.id DESC LIMIT 1`;

export interface ScheduleFilter {
  withinDays?: number;
  areaId?: number;
  overdueOnly?: boolean;
}

/**
 * Households whose next review falls on or before `today + withinDays`, paged, overdue first
 * (`reviewSchedule`, one page of it).
 */
export function reviewsDue(raw: BetterSqlite3.Database, now: Date, opts: ScheduleFilter & { page?: number; pageSize?: number } = {}) {
  const out = reviewSchedule(raw, now, opts);
  const size = Math.min(opts.pageSize ?? 50, 500),
    page = Math.max(1, opts.page ?? 1);
  return {
    total: out.length,
    overdue: out.filter((r) => r.overdue).length,
    page,
    pageSize: size,
    items: out.slice((page - 1) * size, page * size),
  };
}

const isClass = (c: string): c is 'A' | 'B' | 'C' => c === 'A' || c === 'B' || c === 'C';

/**
 * Every household whose next review falls on or before `today + withinDays`, in the order of
 * their next review. One pass over the households in a tier, which is most of a county's cost:
 * a caller that needs them all (the registry checks) asks once, not a page at a time.
 */
export function reviewSchedule(raw: BetterSqlite3.Database, now: Date, opts: ScheduleFilter = {}): ReviewDue[] {
  const today = todayIso(now);
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + (opts.withinDays ?? 30) * 86_400_000).toISOString().slice(0, 10);
  let q = qb
    .selectFrom('households as h')
    .innerJoin('areas as v', 'v.id', 'h.area_id')
    .innerJoin('areas as t', 't.id', 'v.parent_id')
    .select((eb) => [
      'h.id',
      'h.current_tier',
      'h.residence',
      eb.fn<string>('substr', ['h.created_at', eb.lit(1), eb.lit(10)]).as('created'),
      'v.name as village',
      't.name as township',
      eb
        .selectFrom('members as m')
        .select('m.name')
        .whereRef('m.household_id', '=', 'h.id')
        .where('m.relation', '=', 'head')
        .where('m.active', '=', 1)
        .as('head'),
      eb
        .selectFrom('household_reviews as r')
        .select((r) => r.fn.max('r.reviewed_on').as('on'))
        .whereRef('r.household_id', '=', 'h.id')
        .as('reviewed'),
      // The query-plan test checks this text (above): it is not rebuilt with the builder.
      sql<string | null>`(${sql.raw(LAST_APPROVED_SQL)})`.as('det'),
    ])
    .where('h.status', '=', 'active')
    .where('h.current_tier', 'is not', null)
    .orderBy('h.id');
  const areaId = opts.areaId;
  if (areaId !== undefined) q = q.where((eb) => eb.or([eb('h.area_id', '=', areaId), eb('v.parent_id', '=', areaId)]));
  const households = all(raw, q);
  const classOf = (det: string | null) => {
    const c = det?.split('|')[0];
    return c && isClass(c) ? c : null;
  };
  // A dibao household without an approved determination (loaded from an earlier system) is classed by its members.
  const members = membersOf(
    raw,
    households.filter((h) => h.current_tier === 'dibao' && classOf(h.det) === null).map((h) => h.id),
  );
  const out: ReviewDue[] = [];
  for (const h of households) {
    if (h.current_tier === null) continue;
    const tier = codeOf(TIERS, h.current_tier);
    const decided = h.det ? h.det.split('|')[1] : null;
    let cls: ReviewClass = null;
    if (tier === 'dibao') cls = classOf(h.det) ?? classFromMembers(members.get(h.id) ?? [], today);
    const last =
      [h.reviewed, decided, h.created]
        .filter((d): d is string => !!d)
        .sort()
        .pop() ?? h.created;
    const next = addMonthsToDate(last, reviewMonths(tier, cls, h.residence));
    if (next > horizon) continue;
    if (opts.overdueOnly && next >= today) continue;
    out.push({
      householdId: h.id,
      headName: h.head ?? '',
      township: h.township,
      village: h.village,
      tier,
      reviewClass: cls,
      lastReviewOn: last,
      nextReviewOn: next,
      overdue: next < today,
    });
  }
  return out.sort((a, b) => (a.nextReviewOn < b.nextReviewOn ? -1 : a.nextReviewOn > b.nextReviewOn ? 1 : a.householdId - b.householdId));
}

/** The active members of households, by household: read 500 households to a query, however many a county loaded. */
function membersOf(raw: BetterSqlite3.Database, householdIds: number[]): Map<number, MemberRow[]> {
  const by = new Map<number, MemberRow[]>();
  for (let i = 0; i < householdIds.length; i += 500) {
    const q = qb
      .selectFrom('members')
      .select(['household_id', 'birth_date', 'status', 'labour', 'illness', 'disability_grade', 'schooling'])
      .where('household_id', 'in', householdIds.slice(i, i + 500))
      .where('active', '=', 1);
    for (const m of all(raw, q)) {
      const list = by.get(m.household_id);
      if (list) list.push(m);
      else by.set(m.household_id, [m]);
    }
  }
  return by;
}

const OUTCOME_ZH: Record<ReviewOutcome, string> = {
  no_change: '无变化',
  increase: '提高',
  decrease: '降低',
  stop: '停止',
  change_of_tier: '变更档次',
};

/** Records a review done (§4.1): resets the household's schedule; chain and audit. */
export function recordReview(
  raw: BetterSqlite3.Database,
  r: { householdId: number; reviewedOn: string; outcome: ReviewOutcome; note?: string },
  actor: Actor,
  now: Date,
): number {
  if (r.reviewedOn > todayIso(now))
    throw appError('invalid_input', 'The review date is in the future.', '复核日期晚于今天。', 'reviewedOn');
  return raw.transaction(() => {
    if (!first(raw, qb.selectFrom('households').select('id').where('id', '=', r.householdId)))
      throw appError('not_found', `There is no household #${r.householdId}.`, `没有编号为 ${r.householdId} 的家庭。`);
    const id = run(
      raw,
      qb.insertInto('household_reviews').values({
        household_id: r.householdId,
        reviewed_on: r.reviewedOn,
        outcome: r.outcome,
        note: r.note ?? null,
        recorded_by: actor.username,
        recorded_at: now.toISOString(),
      }),
    ).lastInsertRowid;
    appendChainEvent(raw, {
      householdId: r.householdId,
      at: r.reviewedOn,
      kind: 'review',
      department: 'civil_affairs',
      status: r.outcome,
      refTable: 'household_reviews',
      refId: id,
      summary: `定期复核：${OUTCOME_ZH[r.outcome]}${r.note ? `。${r.note}` : ''}`,
      recordedBy: actor.username,
    });
    appendAudit(raw, {
      ...actor,
      action: 'review',
      entity: 'household',
      entityId: r.householdId,
      summary: `review on ${r.reviewedOn}: ${codeWords(r.outcome)}`,
      after: r,
      at: now.toISOString(),
    });
    return id;
  })();
}
