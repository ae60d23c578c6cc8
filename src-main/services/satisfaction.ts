/**
 * Satisfaction (docs/rules/temporary-service-recovery.md §12.4, evaluation): a score of 1–5 per
 * person, provider and quarter, given on a visit. A later score for the same quarter supersedes
 * the earlier one (both stay); a provider's average counts each person once, by the latest.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { all, first, qb, run } from '../db/query';
import { QUARTER_RE, quarterOf } from './months';
import { mustProvider } from './providers';

export interface RatingInput {
  idNumber: string;
  providerId: number;
  quarter: string;
  score: number;
  visitDate: string;
  visitor: string;
  note?: string | null;
}

export function rate(raw: BetterSqlite3.Database, input: RatingInput, actor: Actor, now: Date): number {
  if (!QUARTER_RE.test(input.quarter))
    throw appError('invalid_input', 'A quarter is written 2026-Q4.', '季度格式应为 2026-Q4。', 'quarter');
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5)
    throw appError('invalid_input', 'The score is 1 to 5.', '满意度为 1–5 分。', 'score');
  if (input.visitDate > todayIso(now)) throw appError('invalid_input', 'The visit date is after today.', '回访日期晚于今天。', 'visitDate');
  if (quarterOf(input.visitDate.slice(0, 7)) < input.quarter)
    throw appError('invalid_input', 'A quarter is rated on a visit made in it or after it.', '须在该季度内或之后回访评分。', 'visitDate');
  if (!input.visitor.trim()) throw appError('invalid_input', 'Name who visited.', '请填写回访人员。', 'visitor');
  return raw.transaction(() => {
    const p = mustProvider(raw, input.providerId);
    const plan = first(
      raw,
      qb
        .selectFrom('service_plans')
        .select(['household_id', 'person_name'])
        .where('id_number', '=', input.idNumber)
        .where('provider_id', '=', p.id)
        .orderBy('id', 'desc')
        .limit(1),
    );
    if (!plan)
      throw appError('invalid_input', `This person has no plan with ${p.name}.`, `该对象没有由${p.name}提供服务的计划。`, 'idNumber');
    const at = now.toISOString();
    const id = run(
      raw,
      qb.insertInto('service_satisfaction').values({
        household_id: plan.household_id,
        id_number: input.idNumber,
        provider_id: p.id,
        quarter: input.quarter,
        score: input.score,
        visit_date: input.visitDate,
        visitor: input.visitor.trim(),
        note: input.note ?? null,
        recorded_by: actor.username,
        recorded_at: at,
      }),
    ).lastInsertRowid;
    appendAudit(raw, {
      ...actor,
      action: 'rate',
      entity: 'service_provider',
      entityId: p.id,
      summary: `${plan.person_name}: ${input.score}/5 for ${p.name} in ${input.quarter}`,
      after: input,
      at,
    });
    return id;
  })();
}

export interface Rating {
  id: number;
  householdId: number;
  idNumber: string;
  personName: string;
  providerId: number;
  quarter: string;
  score: number;
  visitDate: string;
  visitor: string;
  note: string | null;
  recordedBy: string;
}

/** The ratings in force (the latest per person, provider and quarter). */
export function listRatings(raw: BetterSqlite3.Database, f: { providerId?: number; quarter?: string; householdId?: number }): Rating[] {
  let q = qb.selectFrom('service_satisfaction as s').selectAll('s');
  if (f.providerId !== undefined) q = q.where('s.provider_id', '=', f.providerId);
  if (f.quarter !== undefined) q = q.where('s.quarter', '=', f.quarter);
  if (f.householdId !== undefined) q = q.where('s.household_id', '=', f.householdId);
  const rows = all(raw, q.orderBy('s.id', 'desc').limit(20000));
  const seen = new Set<string>();
  const names = new Map(
    all(
      raw,
      qb
        .selectFrom('service_plans')
        .select(['id_number', 'person_name'])
        .where('id_number', 'in', [...new Set(rows.map((r) => r.id_number)), '']),
    ).map((p) => [p.id_number, p.person_name]),
  );
  const out: Rating[] = [];
  for (const r of rows) {
    const key = `${r.id_number}|${r.provider_id}|${r.quarter}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      id: r.id,
      householdId: r.household_id,
      idNumber: r.id_number,
      personName: names.get(r.id_number) ?? '',
      providerId: r.provider_id,
      quarter: r.quarter,
      score: r.score,
      visitDate: r.visit_date,
      visitor: r.visitor,
      note: r.note,
      recordedBy: r.recorded_by,
    });
  }
  return out;
}

/** A provider's average score in a quarter (each person once, by the latest score), and how many persons it counts. */
export function averageScore(
  raw: BetterSqlite3.Database,
  providerId: number,
  quarter: string,
): { average: number | null; persons: number } {
  const r = listRatings(raw, { providerId, quarter });
  return { average: r.length ? r.reduce((s, x) => s + x.score, 0) / r.length : null, persons: r.length };
}
