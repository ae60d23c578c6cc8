/**
 * Warnings the registry raises by itself (docs/rules/assistance.md §4.2): a member of a household in
 * a tier who turned 60 or 18 within the look-back window (tier / labour-capacity re-check),
 * and a review date that has passed (overdue review). Idempotent through the warnings'
 * (rule, person, evidence key) uniqueness: the evidence key is the birthday or due date.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { all, qb } from '../db/query';
import { appendAudit } from '../audit/audit';
import { todayIso } from '../common/dates';
import { WorkCalendar } from './calendar';
import { raiseWarning } from './warnings';
import { reviewSchedule } from './reviews';
import type { Actor } from '../audit/actor';

export function checkRegistry(
  raw: BetterSqlite3.Database,
  now: Date,
  actor: Actor,
  lookBackDays = 31,
): { turned60: number; turned18: number; reviewsOverdue: number } {
  const today = todayIso(now);
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - lookBackDays * 86_400_000).toISOString().slice(0, 10);
  const calendar = WorkCalendar.load(raw);
  return raw.transaction(() => {
    const res = { turned60: 0, turned18: 0, reviewsOverdue: 0 };
    for (const [age, rule, key] of [
      [60, 'turns_60', 'turned60'],
      [18, 'turns_18', 'turned18'],
    ] as const) {
      // Birthday in (from, today] ⇔ birth date in (from − age years, today − age years].
      const shift = (d: string) => `${+d.slice(0, 4) - age}${d.slice(4)}`;
      const rows = all(
        raw,
        qb
          .selectFrom('members as m')
          .innerJoin('households as h', 'h.id', 'm.household_id')
          .select(['m.id', 'm.id_number', 'm.name', 'm.birth_date', 'm.household_id', 'h.area_id'])
          .where('m.active', '=', 1)
          .where('m.status', '=', 'present')
          .where('h.status', '=', 'active')
          .where('h.current_tier', 'is not', null)
          .where('m.birth_date', '>', shift(from))
          .where('m.birth_date', '<=', shift(today)),
      );
      for (const m of rows) {
        const birthday = `${+m.birth_date.slice(0, 4) + age}${m.birth_date.slice(4)}`;
        if (
          raiseWarning(raw, {
            rule,
            householdId: m.household_id,
            memberId: m.id,
            idNumber: m.id_number,
            personName: m.name,
            areaId: m.area_id,
            evidenceKey: birthday,
            evidence: `登记信息：${m.name} 于 ${birthday} 年满 ${age} 周岁`,
            source: 'registry',
            importId: null,
            raisedOn: today,
            department: 'civil_affairs',
            calendar,
            actor,
          })
        )
          res[key]++;
      }
    }
    // The whole schedule once: asked a page at a time, each page computed it all again (a county's overdue reviews, pages of 500).
    const overdue = reviewSchedule(raw, now, { withinDays: 0, overdueOnly: true });
    const heads = headsOf(
      raw,
      overdue.map((r) => r.householdId),
    );
    for (const r of overdue) {
      const head = heads.get(r.householdId);
      if (!head) continue;
      if (
        raiseWarning(raw, {
          rule: 'review_overdue',
          householdId: r.householdId,
          memberId: head.id,
          idNumber: head.id_number,
          personName: head.name,
          areaId: head.area_id,
          evidenceKey: r.nextReviewOn,
          evidence: `分类管理：${r.reviewClass ? `${r.reviewClass} 类，` : ''}应于 ${r.nextReviewOn} 复核（上次 ${r.lastReviewOn}）`,
          source: 'registry',
          importId: null,
          raisedOn: today,
          department: 'civil_affairs',
          calendar,
          actor,
        })
      )
        res.reviewsOverdue++;
    }
    appendAudit(raw, {
      ...actor,
      action: 'check',
      entity: 'warning',
      entityId: null,
      summary: `registry checks on ${today}: ${res.turned60} turned 60, ${res.turned18} turned 18, ${res.reviewsOverdue} reviews overdue`,
      after: res,
      at: now.toISOString(),
    });
    return res;
  })();
}

/**
 * The person a household's warnings name: its head, or else its first active member; read 500
 * households to a query (a county's first check may find thousands of reviews overdue).
 */
function headsOf(raw: BetterSqlite3.Database, householdIds: number[]) {
  const heads = new Map<number, { id: number; id_number: string; name: string; area_id: number }>();
  for (let i = 0; i < householdIds.length; i += 500) {
    const q = qb
      .selectFrom('members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.household_id', 'm.id', 'm.id_number', 'm.name', 'h.area_id'])
      .where('m.household_id', 'in', householdIds.slice(i, i + 500))
      .where('m.active', '=', 1)
      .orderBy('m.household_id')
      .orderBy((eb) => eb('m.relation', '=', 'head'), 'desc')
      .orderBy('m.position');
    for (const { household_id, ...m } of all(raw, q)) if (!heads.has(household_id)) heads.set(household_id, m);
  }
  return heads;
}
