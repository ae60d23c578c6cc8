/**
 * Review schedule (ASSISTANCE-RULES §4.1): each household in a tier has a next review from
 * its review class and tier — dibao A and B yearly, C quarterly (urban) or half-yearly
 * (rural); 特困, marginal and rigid-expenditure households yearly (rigid: "≤ 12 months").
 * The class is the one of the household's last approved determination; for a household
 * loaded without one it is derived from the members by §4.1's definition.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { appendAudit } from '../audit/audit';
import { appendChainEvent } from '../chain/events';
import { ageOn, todayIso } from '../common/dates';
import { appError } from '../common/errors';
import type { Actor } from '../audit/actor';

export type ReviewClass = 'A' | 'B' | 'C' | null;

/** Months between reviews. */
export function reviewMonths(tier: string, cls: ReviewClass, residence: 'urban' | 'rural'): number {
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

interface MemberRow {
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
  tier: string;
  reviewClass: ReviewClass;
  lastReviewOn: string;
  nextReviewOn: string;
  overdue: boolean;
}

/** The review class and decision date of household `h`'s last approved determination, read from an index (migration 12). */
export const LAST_APPROVED_SQL = `SELECT d.review_class || '|' || substr(dd.decided_at, 1, 10) FROM determinations d JOIN determination_decisions dd ON dd.determination_id = d.id AND dd.decision = 'approved'
  WHERE d.household_id = h.id ORDER BY d.id DESC LIMIT 1`;

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

/**
 * Every household whose next review falls on or before `today + withinDays`, in the order of
 * their next review. One pass over the households in a tier, which is most of a county's cost:
 * a caller that needs them all (the registry checks) asks once, not a page at a time.
 */
export function reviewSchedule(raw: BetterSqlite3.Database, now: Date, opts: ScheduleFilter = {}): ReviewDue[] {
  const today = todayIso(now);
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + (opts.withinDays ?? 30) * 86_400_000).toISOString().slice(0, 10);
  const areaSql = opts.areaId !== undefined ? 'AND (h.area_id = ? OR v.parent_id = ?)' : '';
  const areaArgs = opts.areaId !== undefined ? [opts.areaId, opts.areaId] : [];
  const households = raw
    .prepare(
      `SELECT h.id, h.current_tier, h.residence, substr(h.created_at, 1, 10) AS created, v.name AS village, t.name AS township,
      (SELECT name FROM members m WHERE m.household_id = h.id AND m.relation = 'head' AND m.active = 1) AS head,
      (SELECT MAX(reviewed_on) FROM household_reviews r WHERE r.household_id = h.id) AS reviewed,
      (${LAST_APPROVED_SQL}) AS det
    FROM households h JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id
    WHERE h.status = 'active' AND h.current_tier IS NOT NULL ${areaSql} ORDER BY h.id`,
    )
    .all(...areaArgs) as any[];
  const memberStmt = raw.prepare(
    `SELECT household_id, birth_date, status, labour, illness, disability_grade, schooling FROM members WHERE household_id = ? AND active = 1`,
  );
  const out: ReviewDue[] = [];
  for (const h of households) {
    const [detClass, decided] = h.det ? String(h.det).split('|') : [null, null];
    let cls: ReviewClass = null;
    if (h.current_tier === 'dibao') cls = (detClass as ReviewClass) || classFromMembers(memberStmt.all(h.id) as MemberRow[], today);
    const last = [h.reviewed, decided, h.created].filter(Boolean).sort().pop() as string;
    const next = addMonthsToDate(last, reviewMonths(h.current_tier, cls, h.residence));
    if (next > horizon) continue;
    if (opts.overdueOnly && next >= today) continue;
    out.push({
      householdId: h.id,
      headName: h.head ?? '',
      township: h.township,
      village: h.village,
      tier: h.current_tier,
      reviewClass: cls,
      lastReviewOn: last,
      nextReviewOn: next,
      overdue: next < today,
    });
  }
  return out.sort((a, b) => (a.nextReviewOn < b.nextReviewOn ? -1 : a.nextReviewOn > b.nextReviewOn ? 1 : a.householdId - b.householdId));
}

export const REVIEW_OUTCOMES = ['no_change', 'increase', 'decrease', 'stop', 'change_of_tier'] as const;
const OUTCOME_ZH: Record<string, string> = {
  no_change: '无变化',
  increase: '提高',
  decrease: '降低',
  stop: '停止',
  change_of_tier: '变更档次',
};

/** Records a review done (§4.1): resets the household's schedule; chain and audit. */
export function recordReview(
  raw: BetterSqlite3.Database,
  r: { householdId: number; reviewedOn: string; outcome: (typeof REVIEW_OUTCOMES)[number]; note?: string },
  actor: Actor,
  now: Date,
): number {
  if (r.reviewedOn > todayIso(now))
    throw appError('invalid_input', 'The review date is in the future.', '复核日期晚于今天。', 'reviewedOn');
  return raw.transaction(() => {
    if (!raw.prepare(`SELECT 1 FROM households WHERE id = ?`).get(r.householdId))
      throw appError('not_found', `There is no household #${r.householdId}.`, `没有编号为 ${r.householdId} 的家庭。`);
    const id = Number(
      raw
        .prepare(
          `INSERT INTO household_reviews (household_id, reviewed_on, outcome, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(r.householdId, r.reviewedOn, r.outcome, r.note ?? null, actor.username, now.toISOString()).lastInsertRowid,
    );
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
      summary: `review on ${r.reviewedOn}: ${r.outcome}`,
      after: r,
      at: now.toISOString(),
    });
    return id;
  })();
}
