/**
 * Service plans (docs/rules/temporary-service-recovery.md §12.4): per person, services from the
 * list with a quantity per month, one provider, a start and an end month — made from a current
 * assessment, for services whose area has a need ≥ 1. The provider must serve the person's
 * township and hold, for every year of the plan, a contract naming each service. A person has at
 * most one plan of a service for any month, so a record finds its plan without doubt.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appendChainEvent } from '../chain/events';
import { monthOf, todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { all, first, qb, run } from '../db/query';
import { assessedWithinYear, getAssessment } from './assessments';
import { Catalogue } from './catalogue';
import { AREA_ZH, SERVICE_BASIS } from './labels';
import { MONTH_RE, monthRange } from './months';
import { contractFor, mustProvider } from './providers';

export interface PlanInput {
  assessmentId: number;
  providerId: number;
  startMonth: string;
  endMonth: string;
  items: { serviceCode: string; monthlyQuantity: number }[];
  note?: string | null;
}

export interface PlanItem {
  serviceCode: string;
  nameZh: string;
  nameEn: string;
  unitZh: string;
  unitEn: string;
  monthlyQuantity: number;
  /** Accepted in the month asked about (`listPlans`' month), and whether that reaches the plan. */
  delivered: number;
  received: boolean;
}

export interface Plan {
  id: number;
  householdId: number;
  idNumber: string;
  personName: string;
  assessmentId: number;
  providerId: number;
  providerName: string;
  startMonth: string;
  endMonth: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
  month: string;
  /** In force in `month`. */
  active: boolean;
  items: PlanItem[];
}

const bad = (en: string, zh: string, field: string) => appError('invalid_input', en, zh, field);

export function createPlan(raw: BetterSqlite3.Database, input: PlanInput, actor: Actor, now: Date): number {
  const { startMonth, endMonth } = input;
  if (!MONTH_RE.test(startMonth)) throw bad('Give the start month as YYYY-MM.', '开始月份格式应为 YYYY-MM。', 'startMonth');
  if (!MONTH_RE.test(endMonth)) throw bad('Give the end month as YYYY-MM.', '结束月份格式应为 YYYY-MM。', 'endMonth');
  if (endMonth < startMonth) throw bad('The plan ends before it starts.', '结束月份早于开始月份。', 'endMonth');
  if (input.items.length === 0) throw bad('Choose at least one service.', '请至少选择一项服务。', 'items');
  const codes = input.items.map((i) => i.serviceCode);
  if (new Set(codes).size !== codes.length) throw bad('A service is listed twice.', '同一服务项目重复列出。', 'items');
  return raw.transaction(() => {
    const a = getAssessment(raw, input.assessmentId);
    const today = todayIso(now);
    if (assessedWithinYear(raw, a.idNumber, today)?.id !== a.id)
      throw bad(
        'A plan is made from the person’s current assessment (made within the last year); review the assessment first.',
        '服务计划须依据该对象一年内的最新需求评估制定，请先复评。',
        'assessmentId',
      );
    if (startMonth < monthOf(a.assessedOn))
      throw bad('A plan starts no earlier than the month of its assessment.', '服务计划不得早于需求评估所在月份。', 'startMonth');
    const member = first(
      raw,
      qb
        .selectFrom('members as m')
        .innerJoin('households as h', 'h.id', 'm.household_id')
        .innerJoin('areas as v', 'v.id', 'h.area_id')
        .select(['m.name', 'v.parent_id as township_id'])
        .where('m.household_id', '=', a.householdId)
        .where('m.id_number', '=', a.idNumber)
        .where('m.active', '=', 1)
        .where('m.status', '=', 'present'),
    );
    if (!member) throw bad('This person is no longer a present member of the household.', '该对象已不是该户在家成员。', 'assessmentId');
    const provider = mustProvider(raw, input.providerId);
    if (provider.active !== 1) throw bad(`${provider.name} is no longer active.`, `${provider.name} 已停用。`, 'providerId');
    const serves = first(
      raw,
      qb
        .selectFrom('service_provider_townships')
        .select('provider_id')
        .where('provider_id', '=', provider.id)
        .where('township_id', '=', member.township_id ?? -1),
    );
    if (!serves)
      throw bad(`${provider.name} does not serve this person's township.`, `${provider.name} 不服务该对象所在乡镇（街道）。`, 'providerId');
    const cat = new Catalogue(raw);
    for (const it of input.items) {
      const e = cat.on(it.serviceCode, `${startMonth}-01`);
      if (!e)
        throw bad(
          `${it.serviceCode} is not on the service list in ${startMonth}.`,
          `${it.serviceCode} 在 ${startMonth} 不在服务清单内。`,
          'items',
        );
      if (!Number.isInteger(it.monthlyQuantity) || it.monthlyQuantity < 1 || it.monthlyQuantity > 999)
        throw bad(`The monthly quantity of ${e.nameEn} is a whole number 1–999.`, `“${e.nameZh}”每月数量应为 1–999 的整数。`, 'items');
      if (e.area !== 'any' && a.scores[e.area].score < 1)
        throw bad(
          `${e.nameEn} serves the ${e.area.replace('_', ' ')} area, where the assessment found no need.`,
          `“${e.nameZh}”服务于${AREA_ZH[e.area]}方面，需求评估该方面无需求（0 分）。`,
          'items',
        );
      for (const year of new Set(monthRange(startMonth, endMonth).map((m) => Number(m.slice(0, 4))))) {
        const c = contractFor(raw, provider.id, year);
        if (!c || !c.services.includes(it.serviceCode))
          throw bad(
            `${provider.name} has no ${year} contract for ${e.nameEn}.`,
            `${provider.name} 没有包含“${e.nameZh}”的 ${year} 年度服务合同。`,
            'providerId',
          );
      }
      const overlap = first(
        raw,
        qb
          .selectFrom('service_plans as p')
          .innerJoin('service_plan_items as i', 'i.plan_id', 'p.id')
          .select(['p.id', 'p.start_month', 'p.end_month'])
          .where('p.id_number', '=', a.idNumber)
          .where('i.service_code', '=', it.serviceCode)
          .where('p.start_month', '<=', endMonth)
          .where('p.end_month', '>=', startMonth),
      );
      if (overlap)
        throw bad(
          `Plan #${overlap.id} already gives ${e.nameEn} from ${overlap.start_month} to ${overlap.end_month}.`,
          `第 ${overlap.id} 号计划已安排 ${overlap.start_month} 至 ${overlap.end_month} 的“${e.nameZh}”。`,
          'items',
        );
    }
    const at = now.toISOString();
    const id = run(
      raw,
      qb.insertInto('service_plans').values({
        household_id: a.householdId,
        id_number: a.idNumber,
        person_name: member.name,
        assessment_id: a.id,
        provider_id: provider.id,
        start_month: startMonth,
        end_month: endMonth,
        note: input.note ?? null,
        created_by: actor.username,
        created_at: at,
      }),
    ).lastInsertRowid;
    run(
      raw,
      qb
        .insertInto('service_plan_items')
        .values(input.items.map((i) => ({ plan_id: id, service_code: i.serviceCode, monthly_quantity: i.monthlyQuantity }))),
    );
    const what = input.items.map((i) => {
      const e = cat.latest(i.serviceCode)!;
      return `${e.nameZh}每月 ${i.monthlyQuantity}${e.unitZh}`;
    });
    appendChainEvent(raw, {
      householdId: a.householdId,
      idNumber: a.idNumber,
      at: today,
      kind: 'referral',
      department: 'civil_affairs',
      basis: SERVICE_BASIS,
      item: codes.join(','),
      status: 'planned',
      refTable: 'service_plans',
      refId: id,
      summary: `${member.name} 服务计划（第 ${id} 号，${startMonth} 至 ${endMonth}，${provider.name}）：${what.join('、')}`,
      recordedBy: actor.username,
    });
    appendAudit(raw, {
      ...actor,
      action: 'plan',
      entity: 'household',
      entityId: a.householdId,
      summary: `service plan #${id} for ${member.name}, ${startMonth}..${endMonth} with ${provider.name}: ${codes.join(', ')}`,
      after: input,
      at,
    });
    return id;
  })();
}

/** Plans with each item's delivery in `month` (the current month unless given). */
export function listPlans(
  raw: BetterSqlite3.Database,
  f: { householdId?: number; providerId?: number; idNumber?: string; activeIn?: string },
  month: string,
): Plan[] {
  let q = qb
    .selectFrom('service_plans as p')
    .innerJoin('service_providers as v', 'v.id', 'p.provider_id')
    .selectAll('p')
    .select('v.name as provider_name');
  if (f.householdId !== undefined) q = q.where('p.household_id', '=', f.householdId);
  if (f.providerId !== undefined) q = q.where('p.provider_id', '=', f.providerId);
  if (f.idNumber !== undefined) q = q.where('p.id_number', '=', f.idNumber);
  if (f.activeIn !== undefined) q = q.where('p.start_month', '<=', f.activeIn).where('p.end_month', '>=', f.activeIn);
  const plans = all(raw, q.orderBy('p.id', 'desc').limit(5000));
  if (plans.length === 0) return [];
  const ids = plans.map((p) => p.id);
  const items = all(raw, qb.selectFrom('service_plan_items').selectAll().where('plan_id', 'in', ids));
  const delivered = all(
    raw,
    qb
      .selectFrom('service_records')
      .select((eb) => ['plan_id', 'service_code', eb.fn.sum<number>('quantity').as('n')])
      .where('plan_id', 'in', ids)
      .where('month', '=', month)
      .groupBy(['plan_id', 'service_code']),
  );
  const cat = new Catalogue(raw);
  return plans.map((p) => ({
    id: p.id,
    householdId: p.household_id,
    idNumber: p.id_number,
    personName: p.person_name,
    assessmentId: p.assessment_id,
    providerId: p.provider_id,
    providerName: p.provider_name,
    startMonth: p.start_month,
    endMonth: p.end_month,
    note: p.note,
    createdBy: p.created_by,
    createdAt: p.created_at,
    month,
    active: p.start_month <= month && month <= p.end_month,
    items: items
      .filter((i) => i.plan_id === p.id)
      .map((i) => {
        const e = cat.latest(i.service_code);
        const n = delivered.find((d) => d.plan_id === p.id && d.service_code === i.service_code)?.n ?? 0;
        return {
          serviceCode: i.service_code,
          nameZh: e?.nameZh ?? i.service_code,
          nameEn: e?.nameEn ?? i.service_code,
          unitZh: e?.unitZh ?? '',
          unitEn: e?.unitEn ?? '',
          monthlyQuantity: i.monthly_quantity,
          delivered: n,
          received: n >= i.monthly_quantity,
        };
      }),
  }));
}
