/**
 * Spot checks (docs/rules/workstations.md, "Spot checks"): each month the county draws a seeded random sample — by default
 * 10%, at least 1 — of the cases decided at townships that month, for a second visit. The draw (seed, list) is stored, so
 * anyone can draw it again from its seed; a result that finds a problem opens a warning (rule spot_check).
 */
import { codeWords } from '../common/audit-labels';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Actor } from '../audit/actor';
import { appendAudit } from '../audit/audit';
import { todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { mulberry32 } from '../common/random';
import { all, first, qb, run } from '../db/query';
import { WorkCalendar } from '../monitoring/calendar';
import { raiseWarning } from '../monitoring/warnings';
import { allCases } from './read';

export const DEFAULT_PERCENT = 10;

/** The sample of `population` (case ids): a seeded Fisher–Yates shuffle of the ids in order, the first max(1, ⌈p%⌉). */
export function drawSample(population: readonly number[], seed: number, percent = DEFAULT_PERCENT): number[] {
  if (population.length === 0) return [];
  const ids = [...population].sort((a, b) => a - b);
  const rnd = mulberry32(seed);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids.slice(0, Math.max(1, Math.ceil((ids.length * percent) / 100)));
}

/** The cases decided (approved or refused) at a township in `month`. */
export function townshipDecided(raw: BetterSqlite3.Database, month: string, today: string): number[] {
  return allCases(raw, today)
    .filter((r) => r.decidedAt === 'township' && r.closedOn?.startsWith(month))
    .map((r) => r.id);
}

export function drawSpotChecks(
  raw: BetterSqlite3.Database,
  input: { month: string; percent?: number; seed?: number },
  actor: Actor,
  now: Date,
): number {
  const percent = input.percent ?? DEFAULT_PERCENT;
  // An unseeded draw takes its seed from the clock; it is stored, so the list can be drawn again from it.
  const seed = input.seed ?? now.getTime() % 2_147_483_647;
  return raw.transaction(() => {
    if (first(raw, qb.selectFrom('spot_check_draws').select('id').where('month', '=', input.month)))
      throw appError('already_drawn', `The spot check of ${input.month} is already drawn.`, `${input.month} 的抽查已经抽取。`, 'month');
    const population = townshipDecided(raw, input.month, todayIso(now));
    if (population.length === 0)
      throw appError(
        'nothing_to_draw',
        `No case was decided at a township in ${input.month}.`,
        `${input.month} 没有乡镇审批的申请。`,
        'month',
      );
    const sample = drawSample(population, seed, percent);
    const drawId = Number(
      run(
        raw,
        qb.insertInto('spot_check_draws').values({
          month: input.month,
          seed,
          percent,
          population: population.length,
          drawn_by: actor.username,
          drawn_at: now.toISOString(),
        }),
      ).lastInsertRowid,
    );
    sample.forEach((caseId, i) =>
      run(raw, qb.insertInto('spot_check_items').values({ draw_id: drawId, position: i + 1, case_id: caseId })),
    );
    appendAudit(raw, {
      ...actor,
      action: 'draw',
      entity: 'spot_check',
      entityId: input.month,
      summary: `spot check ${input.month}: ${sample.length} of ${population.length} (seed ${seed}, ${percent}%)`,
      after: { seed, percent, population: population.length, cases: sample },
      at: now.toISOString(),
    });
    return drawId;
  })();
}

export function spotCheckList(raw: BetterSqlite3.Database, month: string, now: Date) {
  const draw = first(raw, qb.selectFrom('spot_check_draws').selectAll().where('month', '=', month));
  if (!draw) return null;
  const items = all(
    raw,
    qb
      .selectFrom('spot_check_items as i')
      .leftJoin('spot_check_results as r', 'r.item_id', 'i.id')
      .select(['i.id', 'i.position', 'i.case_id', 'r.visited_on', 'r.staff_json', 'r.outcome', 'r.note', 'r.warning_id'])
      .where('i.draw_id', '=', draw.id)
      .orderBy('i.position'),
  );
  const cases = new Map(allCases(raw, todayIso(now)).map((c) => [c.id, c]));
  return {
    month: draw.month,
    seed: draw.seed,
    percent: draw.percent,
    population: draw.population,
    drawnBy: draw.drawn_by,
    drawnAt: draw.drawn_at,
    items: items.map((i) => {
      const c = cases.get(i.case_id)!;
      return {
        id: i.id,
        position: i.position,
        caseId: i.case_id,
        headName: c.headName,
        township: c.township,
        village: c.village,
        tierApplied: c.tierApplied,
        stage: c.stage,
        decidedOn: c.closedOn,
        visitedOn: i.visited_on,
        staff: i.staff_json ? (JSON.parse(i.staff_json) as string[]) : null, // written by recordSpotCheck below: a string array
        outcome: i.outcome,
        note: i.note,
        warningId: i.warning_id,
      };
    }),
  };
}

export function recordSpotCheck(
  raw: BetterSqlite3.Database,
  r: { itemId: number; visitedOn: string; staff: string[]; outcome: 'confirmed' | 'finding'; note: string },
  actor: Actor,
  now: Date,
): { warningId: number | null } {
  if (r.staff.filter((s) => s.trim()).length < 2)
    throw appError('visit_staff', 'A home visit is made by at least 2 staff.', '入户调查须至少 2 名工作人员。', 'staff');
  if (r.visitedOn > todayIso(now)) throw appError('date_in_future', 'The date is after today.', '日期晚于今天。', 'visitedOn');
  return raw.transaction(() => {
    const item = first(
      raw,
      qb
        .selectFrom('spot_check_items as i')
        .innerJoin('cases as c', 'c.id', 'i.case_id')
        .innerJoin('households as h', 'h.id', 'c.household_id')
        .leftJoin('spot_check_results as r', 'r.item_id', 'i.id')
        .select(['i.id', 'c.id as caseId', 'c.household_id', 'h.area_id', 'r.id as resultId'])
        .where('i.id', '=', r.itemId),
    );
    if (!item) throw appError('not_found', 'No such spot check.', '没有该抽查记录。', 'itemId');
    if (item.resultId !== null) throw appError('already_recorded', 'This re-visit is already recorded.', '该复查结果已经登记。', 'itemId');
    let warningId: number | null = null;
    if (r.outcome === 'finding') {
      const head = first(
        raw,
        qb
          .selectFrom('members')
          .select(['id', 'id_number', 'name'])
          .where('household_id', '=', item.household_id)
          .where('active', '=', 1)
          .orderBy('position'),
      );
      if (head) {
        raiseWarning(raw, {
          rule: 'spot_check',
          householdId: item.household_id,
          memberId: head.id,
          idNumber: head.id_number,
          personName: head.name,
          areaId: item.area_id,
          evidenceKey: `case:${item.caseId}`,
          evidence: `抽查复查（第 ${item.caseId} 号申请）：${r.note}`,
          source: 'spot_check',
          importId: null,
          raisedOn: r.visitedOn,
          department: 'civil_affairs',
          calendar: WorkCalendar.load(raw),
          actor,
        });
        warningId =
          first(
            raw,
            qb
              .selectFrom('warnings')
              .select('id')
              .where('rule', '=', 'spot_check')
              .where('id_number', '=', head.id_number)
              .where('evidence_key', '=', `case:${item.caseId}`),
          )?.id ?? null;
      }
    }
    run(
      raw,
      qb.insertInto('spot_check_results').values({
        item_id: r.itemId,
        visited_on: r.visitedOn,
        staff_json: JSON.stringify(r.staff),
        outcome: r.outcome,
        note: r.note,
        warning_id: warningId,
        recorded_by: actor.username,
        recorded_at: now.toISOString(),
      }),
    );
    appendAudit(raw, {
      ...actor,
      action: 'revisit',
      entity: 'case',
      entityId: item.caseId,
      summary: `spot-check re-visit ${r.visitedOn}: ${codeWords(r.outcome)}`,
      after: r,
      at: now.toISOString(),
    });
    return { warningId };
  })();
}
