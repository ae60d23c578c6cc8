/**
 * Service assistance as a household and the county see it: who the engine suggests for a needs
 * assessment (the `service_assessment` entitlement of the determination in force, §12.1) and has
 * no current one, and what the happiness list shows (§12.4): the suggested assessment, done or
 * pending, and each service planned this month — received when the month's records reach the
 * plan, pending otherwise.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { sql } from 'kysely';
import type { Entitlement } from '../common/determination';
import { monthOf } from '../common/dates';
import { all, qb } from '../db/query';
import { assessedWithinYear } from './assessments';
import { listPlans } from './plans';

export interface Suggestion {
  householdId: number;
  idNumber: string;
  name: string;
  township: string;
  village: string;
  tier: string;
  /** The cause (§12.1): tekun_at_home, elderly_alone, disability_grade, critical, guardianship_gap. */
  why: string;
  /** The last assessment, out of date, if any. */
  lastAssessedOn: string | null;
}

/**
 * The suggestions of the determinations in force (each household's latest approved one), of the county or one household,
 * for persons without an assessment made within the year before `today`. Only determinations that name the entitlement
 * are parsed: the others are passed over by a text search of their result.
 */
export function suggestions(raw: BetterSqlite3.Database, today: string, householdId?: number): Suggestion[] {
  let q = qb
    .selectFrom('determinations as d')
    .innerJoin('determination_decisions as dd', (j) => j.onRef('dd.determination_id', '=', 'd.id').on('dd.decision', '=', 'approved'))
    .innerJoin('households as h', 'h.id', 'd.household_id')
    .innerJoin('areas as v', 'v.id', 'h.area_id')
    .innerJoin('areas as t', 't.id', 'v.parent_id')
    .select(['d.household_id', 'd.result_json', 'v.name as village', 't.name as township'])
    .where('h.status', '=', 'active')
    .where(sql<number>`instr(d.result_json, '"service_assessment"')`, '>', 0)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('determinations as d2')
            .innerJoin('determination_decisions as dd2', (j) =>
              j.onRef('dd2.determination_id', '=', 'd2.id').on('dd2.decision', '=', 'approved'),
            )
            .select('d2.id')
            .whereRef('d2.household_id', '=', 'd.household_id')
            .whereRef('d2.id', '>', 'd.id'),
        ),
      ),
    );
  if (householdId !== undefined) q = q.where('d.household_id', '=', householdId);
  const out: Suggestion[] = [];
  for (const d of all(raw, q.orderBy('d.household_id'))) {
    const result: { entitlements?: Entitlement[] } = JSON.parse(d.result_json); // the engine's Determination, as propose() stored it
    const members = all(
      raw,
      qb
        .selectFrom('members')
        .select(['id_number', 'name'])
        .where('household_id', '=', d.household_id)
        .where('active', '=', 1)
        .where('status', '=', 'present'),
    );
    for (const e of result.entitlements ?? []) {
      if (e.assistance !== 'service_assessment' || e.idNumber === null) continue;
      const m = members.find((x) => x.id_number === e.idNumber);
      if (!m || assessedWithinYear(raw, e.idNumber, today)) continue;
      const last = all(
        raw,
        qb
          .selectFrom('service_assessments')
          .select('assessed_on')
          .where('id_number', '=', e.idNumber)
          .orderBy('assessed_on', 'desc')
          .limit(1),
      )[0];
      out.push({
        householdId: d.household_id,
        idNumber: e.idNumber,
        name: m.name,
        township: d.township,
        village: d.village,
        tier: e.tier,
        why: String(e.figures.why ?? ''),
        lastAssessedOn: last?.assessed_on ?? null,
      });
    }
  }
  return out;
}

export interface ServiceHappiness {
  kind: 'assessment' | 'service';
  idNumber: string;
  personName: string;
  label: string;
  status: 'received' | 'pending';
  /** The month's cost of the service so far, fen (services only). */
  amountFen: number | null;
  item: string | null;
  date: string | null;
  note: string;
}

/** The household's service items of the happiness list on `today`: the suggested assessments, and this month's services. */
export function serviceHappiness(
  raw: BetterSqlite3.Database,
  householdId: number,
  today: string,
  suggested: readonly { idNumber: string; name: string }[],
): ServiceHappiness[] {
  const out: ServiceHappiness[] = [];
  for (const s of suggested) {
    const a = assessedWithinYear(raw, s.idNumber, today);
    out.push({
      kind: 'assessment',
      idNumber: s.idNumber,
      personName: s.name,
      label: '服务需求评估（民政局）',
      status: a ? 'received' : 'pending',
      amountFen: null,
      item: 'service_assessment',
      date: a?.assessedOn ?? null,
      note: a ? `已评估，${a.reviewDue} 前复评` : '尚未评估',
    });
  }
  const month = monthOf(today);
  const costs = all(
    raw,
    qb
      .selectFrom('service_records')
      .select((eb) => ['plan_id', 'service_code', eb.fn.sum<number>('cost_fen').as('cost')])
      .where('household_id', '=', householdId)
      .where('month', '=', month)
      .groupBy(['plan_id', 'service_code']),
  );
  for (const p of listPlans(raw, { householdId, activeIn: month }, month))
    for (const i of p.items)
      out.push({
        kind: 'service',
        idNumber: p.idNumber,
        personName: p.personName,
        label: `${i.nameZh} 每月 ${i.monthlyQuantity}${i.unitZh}（${p.providerName}）`,
        status: i.received ? 'received' : 'pending',
        amountFen: costs.find((c) => c.plan_id === p.id && c.service_code === i.serviceCode)?.cost ?? null,
        item: i.serviceCode,
        date: month,
        note: `${month} 已服务 ${i.delivered}/${i.monthlyQuantity}${i.unitZh}`,
      });
  return out;
}
