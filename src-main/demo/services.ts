/**
 * The demo county's service assistance and one recovery case (docs/rules/temporary-service-recovery.md
 * §12, §13), after its history: the §12.3 service list, two providers — the first township's
 * social-work station and a social organisation serving the others — with a contract for each
 * year, needs assessments of persons the engine suggests, their plans, a year of records through
 * the same rules a provider's file meets, quarterly satisfaction, and a death found after three
 * months were paid, its case opened by the approval of a determination and partly repaid.
 * Deterministic for a seed and a `now`; does nothing where providers exist already.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import { addMonths, monthOf, todayIso } from '../common/dates';
import type { ServiceArea } from '../common/codes';
import { mulberry32 } from '../common/random';
import { all, first, qb } from '../db/query';
import { decide, propose } from '../decisions/determinations';
import { recordFact } from '../recovery/facts';
import { repay } from '../recovery/entries';
import { mustLoadHousehold, updateHousehold } from '../registry/edit';
import { assess, type Scores } from '../services/assessments';
import { addStandardList, STANDARD_LIST_FROM } from '../services/catalogue';
import { suggestions } from '../services/household';
import { monthRange, quarterOf } from '../services/months';
import { createPlan } from '../services/plans';
import { saveContract, saveProvider } from '../services/providers';
import { RecordDesk } from '../services/records';
import { rate } from '../services/satisfaction';
import { at } from './history-records';

/** Needs by the cause of the suggestion (§12.1), area → score. */
const NEEDS: Record<string, Partial<Record<ServiceArea, 1 | 2>>> = {
  tekun_at_home: { economic: 1, health: 2, housing: 1, social_integration: 1 },
  elderly_alone: { health: 1, housing: 1, social_integration: 2 },
  disability_grade: { health: 2, employment: 1, social_integration: 1 },
  critical: { economic: 1, health: 2 },
  guardianship_gap: { education: 1, guardianship: 2, social_integration: 1 },
};
const NOTES: Record<ServiceArea, string> = {
  economic: '日常饮食保障不足',
  health: '行动不便，需照料和康复',
  education: '学习缺少辅导',
  housing: '居所卫生条件差',
  employment: '有就业意愿，缺少技能',
  guardianship: '缺少监护照料',
  social_integration: '独处时间长，缺少交流',
};
/** A month's quantity of each service: the least and the most a plan asks. */
const QUANTITY: Record<string, [number, number]> = {
  visit_care: [2, 4],
  personal_care: [8, 16],
  meals: [20, 30],
  bathing: [2, 4],
  rehabilitation: [4, 8],
  counselling: [1, 2],
  cleaning: [4, 8],
  resource_linking: [1, 1],
};
const STATION_SERVICES = ['visit_care', 'personal_care', 'meals', 'cleaning', 'counselling', 'resource_linking'];
const ORGANISATION_SERVICES = ['visit_care', 'bathing', 'rehabilitation', 'counselling', 'meals', 'resource_linking'];
const AREA_OF: Record<string, ServiceArea | 'any'> = {
  visit_care: 'social_integration',
  personal_care: 'health',
  meals: 'economic',
  bathing: 'health',
  rehabilitation: 'health',
  counselling: 'social_integration',
  cleaning: 'housing',
  resource_linking: 'any',
};
/** The demo providers' staff and organisation (named in the language walk's list of names, tests/e2e/ux/words.ts). */
export const STAFF = ['张丽', '王芳', '刘洋', '陈静', '杨帆', '赵敏'];
export const ORGANISATION_NAME = '爱心家园社会服务中心';
export const STATION_SUFFIX = '社会工作服务站';

export interface ServicesDemoResult {
  assessments: number;
  plans: number;
  records: number;
  ratings: number;
  recoveryCases: number;
}

export function seedDemoServices(raw: BetterSqlite3.Database, opts: { seed?: number; now: Date; households: number }): ServicesDemoResult {
  const out: ServicesDemoResult = { assessments: 0, plans: 0, records: 0, ratings: 0, recoveryCases: 0 };
  if (first(raw, qb.selectFrom('service_providers').select('id').limit(1))) return out;
  const u = mulberry32(((opts.seed ?? 1) ^ 0x5e71ce5) >>> 0);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(u() * xs.length)];
  const users = all(raw, qb.selectFrom('users').select(['id', 'username', 'role']).where('active', '=', 1).orderBy('id'));
  const clerkRow = users.find((x) => x.role === 'clerk');
  const managerRow = users.find((x) => x.role === 'manager');
  if (!clerkRow || !managerRow) return out;
  const clerk = { userId: clerkRow.id, username: clerkRow.username };
  const manager = { userId: managerRow.id, username: managerRow.username };
  const today = todayIso(opts.now);
  const last = addMonths(monthOf(today), -1);
  const firstMonth = addMonths(last, -11);
  const start = at(firstMonth, 2);
  // The station serves the township with the most persons suggested; the organisation the others.
  const suggested = suggestions(raw, `${firstMonth}-01`);
  const byTown = new Map<string, number>();
  for (const s of suggested) byTown.set(s.township, (byTown.get(s.township) ?? 0) + 1);
  const towns = all(raw, qb.selectFrom('areas').select(['id', 'name']).where('level', '=', 'township').orderBy('id')).sort(
    (a, b) => (byTown.get(b.name) ?? 0) - (byTown.get(a.name) ?? 0),
  );
  if (towns.length === 0) return out;

  addStandardList(raw, STANDARD_LIST_FROM < `${firstMonth}-01` ? STANDARD_LIST_FROM : `${firstMonth}-01`, manager, start);
  const station = saveProvider(
    raw,
    {
      code: 'SW01',
      name: `${towns[0].name}${STATION_SUFFIX}`,
      kind: 'social_work_station',
      contact: '0311-8000 1001',
      townshipIds: [towns[0].id],
    },
    manager,
    start,
  );
  const others = towns.length > 1 ? towns.slice(1) : towns;
  const organisation = saveProvider(
    raw,
    {
      code: 'SO01',
      name: ORGANISATION_NAME,
      kind: 'social_organisation',
      contact: '0311-8000 2002',
      townshipIds: others.map((t) => t.id),
    },
    manager,
    start,
  );
  const planEnd = addMonths(monthOf(today), 5);
  for (let y = Number(firstMonth.slice(0, 4)); y <= Number(planEnd.slice(0, 4)); y++) {
    const signedOn = y === Number(firstMonth.slice(0, 4)) ? `${firstMonth}-01` : `${y}-01-05`;
    saveContract(
      raw,
      { providerId: station, year: y, number: `HT-${y}-SW01`, budgetFen: 30_000_000, services: STATION_SERVICES, signedOn },
      manager,
      start,
    );
    saveContract(
      raw,
      { providerId: organisation, year: y, number: `HT-${y}-SO01`, budgetFen: 30_000_000, services: ORGANISATION_SERVICES, signedOn },
      manager,
      start,
    );
  }

  // Persons the engine suggests, up to one in forty households, half of them the station's; assessed at home in the first month.
  const cap = Math.max(8, Math.min(80, Math.round(opts.households / 40)));
  const ofStation = suggested.filter((s) => s.township === towns[0].name).slice(0, Math.ceil(cap / 2));
  const people = [...ofStation, ...suggested.filter((s) => s.township !== towns[0].name).slice(0, cap - ofStation.length)];
  const plans: {
    id: number;
    providerId: number;
    code: string;
    items: { serviceCode: string; monthlyQuantity: number }[];
    idNumber: string;
  }[] = [];
  for (const p of people) {
    const needs = NEEDS[p.why] ?? { social_integration: 1 };
    const scores = Object.fromEntries(
      (['economic', 'health', 'education', 'housing', 'employment', 'guardianship', 'social_integration'] as const).map((a) => [
        a,
        { score: needs[a] ?? 0, note: needs[a] ? NOTES[a] : '' },
      ]),
    ) as Scores; // every area of SERVICE_AREAS, from the list above
    const day = 3 + Math.floor(u() * 15);
    const assessedOn = `${firstMonth}-${String(day).padStart(2, '0')}`;
    const assessors = [pick(STAFF.slice(0, 3)), pick(STAFF.slice(3))];
    const assessmentId = assess(
      raw,
      { householdId: p.householdId, idNumber: p.idNumber, assessedOn, atHome: true, assessors, scores },
      clerk,
      at(firstMonth, day, 10),
    );
    out.assessments++;
    const isStation = p.township === towns[0].name;
    const offered = isStation ? STATION_SERVICES : ORGANISATION_SERVICES;
    const fits = offered.filter((c) => AREA_OF[c] !== 'any' && (needs[AREA_OF[c] as ServiceArea] ?? 0) > 0);
    const want = 1 + Math.floor(u() * Math.min(3, fits.length));
    const chosen = fits.filter(() => u() < 0.6).slice(0, want);
    if (chosen.length === 0 && fits.length > 0) chosen.push(fits[0]);
    if (chosen.length === 0) continue;
    const items = chosen.map((c) => ({
      serviceCode: c,
      monthlyQuantity: QUANTITY[c][0] + Math.floor(u() * (QUANTITY[c][1] - QUANTITY[c][0] + 1)),
    }));
    const providerId = isStation ? station : organisation;
    const id = createPlan(
      raw,
      { assessmentId, providerId, startMonth: firstMonth, endMonth: planEnd, items },
      clerk,
      at(firstMonth, day, 15),
    );
    plans.push({ id, providerId, code: isStation ? 'SW01' : 'SO01', items, idNumber: p.idNumber });
    out.plans++;
  }

  // A year of records, each month's delivery most often the plan, sometimes short, now and then a little over (≤ 1.5 ×).
  const desk = new RecordDesk(raw, clerk, opts.now);
  let seq = 0;
  for (const month of monthRange(firstMonth, last))
    for (const p of plans)
      for (const it of p.items) {
        const r = u();
        const target =
          r < 0.7 ? it.monthlyQuantity : r < 0.9 ? Math.max(0, it.monthlyQuantity - 1 - Math.floor(u() * 3)) : it.monthlyQuantity + 1;
        const parts = Math.min(target, 4);
        for (let k = 0; k < parts; k++) {
          const quantity = Math.floor(target / parts) + (k < target % parts ? 1 : 0);
          const date = `${month}-${String(3 + k * 7 + Math.floor(u() * 5)).padStart(2, '0')}`;
          const recordId = `${p.code}-${month.replace('-', '')}-${String(++seq).padStart(5, '0')}`;
          const done = desk.decide(
            {
              providerId: p.providerId,
              recordId,
              idNumber: p.idNumber,
              serviceCode: it.serviceCode,
              date,
              quantity,
              staff: pick(STAFF),
              note: null,
            },
            { source: 'import', importId: null, row: null },
          );
          if (!('field' in done)) out.records++;
        }
      }
  for (const q of [...new Set(monthRange(firstMonth, last).map(quarterOf))])
    for (const p of plans) {
      if (u() < 0.3) continue;
      // Rated on a visit in the quarter's last month that is past.
      const months = monthRange(firstMonth, last).filter((m) => quarterOf(m) === q);
      const visit = `${months[months.length - 1]}-25`;
      rate(
        raw,
        {
          idNumber: p.idNumber,
          providerId: p.providerId,
          quarter: q,
          score: 3 + Math.floor(u() * 3),
          visitDate: visit,
          visitor: pick(STAFF),
        },
        clerk,
        opts.now,
      );
      out.ratings++;
    }
  appendAudit(raw, {
    ...clerk,
    action: 'bulk_load',
    entity: 'demo_services',
    entityId: null,
    summary: `demo services ${firstMonth}..${last}: ${out.assessments} assessments, ${out.plans} plans, ${out.records} records (${desk.costFen / 100} yuan), ${out.ratings} ratings`,
    after: out,
    at: opts.now.toISOString(),
  });
  out.recoveryCases = demoRecovery(raw, last, clerk, manager, opts.now);
  return out;
}

/** A person living alone, paid the last four closed months, who died in the first of them: found now, recovered, partly repaid. */
function demoRecovery(
  raw: BetterSqlite3.Database,
  last: string,
  clerk: { userId: number; username: string },
  manager: { userId: number; username: string },
  now: Date,
): number {
  const deathMonth = addMonths(last, -3);
  const paid = all(
    raw,
    qb
      .selectFrom('payment_lines')
      .select(['household_id'])
      .where('month', '>=', deathMonth)
      .where('month', '<=', last)
      .where('size', '=', 1)
      .where('amount_fen', '>', 0)
      .groupBy('household_id')
      .having((eb) => eb.fn.countAll(), '=', 4)
      // The last such household: the first ones stay as the generator made them (tests/integration/demo/demo.test.ts).
      .orderBy('household_id', 'desc')
      .limit(1),
  );
  if (paid.length === 0) return 0;
  const hid = paid[0].household_id;
  const h = mustLoadHousehold(raw, hid);
  const person = h.data.members.find((m) => m.status === 'present');
  if (!person) return 0;
  const died = `${deathMonth}-14`;
  const found = new Date(now.getTime() - 2 * 86_400_000);
  const factId = recordFact(
    raw,
    {
      householdId: hid,
      kind: 'death',
      factDate: died,
      idNumber: person.idNumber,
      evidence: '公安死亡注销数据（演示），殡葬服务机构火化证明',
    },
    clerk,
    found,
  );
  const data = {
    ...h.data,
    members: h.data.members.map((m) => (m.idNumber === person.idNumber ? { ...m, status: 'deceased' as const } : m)),
  };
  updateHousehold(raw, hid, h.version, data, clerk, found);
  const det = propose(raw, { householdId: hid, source: 'screening', note: `${person.name} ${died} 死亡，停发`, factId }, clerk, found);
  decide(
    raw,
    { id: det, decision: 'approved', reason: '对象已死亡，次月起停发并追回多发资金' },
    manager,
    new Date(found.getTime() + 3_600_000),
  );
  const c = first(raw, qb.selectFrom('recovery_cases').select('id').where('determination_id', '=', det));
  if (!c) return 0;
  const months = all(raw, qb.selectFrom('recovery_months').select('overpaid_fen').where('case_id', '=', c.id));
  const part = Math.floor(months.reduce((s, m) => s + m.overpaid_fen, 0) / 300) * 100;
  if (part > 0)
    repay(
      raw,
      { caseId: c.id, date: todayIso(new Date(found.getTime() + 86_400_000)), amountFen: part, note: '继承人到乡镇民政办退还（演示）' },
      clerk,
      now,
    );
  return 1;
}
