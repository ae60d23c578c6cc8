/**
 * Service assistance (docs/rules/temporary-service-recovery.md §12) through the service: the
 * engine's suggestion, an assessment, a plan made from it, a provider's file with each refusal of
 * §12.4 decided row by row at apply (the 1.5 × rule counting the month's accepted records and the
 * row itself: exactly 1.5 × accepted, a unit more refused), records priced on their own date, the
 * chain and the happiness list, and the monthly provider report against figures worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { CallError } from '../../fixtures/builders';
import { couple, ELDER, elderAlone, HUSBAND, importFile, office, WIFE } from '../recovery/office';

const NONE = { score: 0 as const, note: '' };
const scores = (over: Partial<Record<'economic' | 'health' | 'social_integration', { score: 0 | 1 | 2; note: string }>>) => ({
  economic: NONE,
  health: NONE,
  education: NONE,
  housing: NONE,
  employment: NONE,
  guardianship: NONE,
  social_integration: NONE,
  ...over,
});

async function refused(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof CallError) return e.error;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** Two providers of 城关镇 with 2026 contracts, the elder (特困, suggested) and the couple, assessed and planned in August. */
async function arranged() {
  const o = await office();
  const elder = await o.create(elderAlone());
  const pair = await o.create(couple());
  await o.approve(elder);
  await o.approve(pair);
  o.at('2026-08-03T09:00:00Z');
  await o.api.value('services.addStandardList', { from: '2026-01-01' }, o.manager);
  const town = (await o.api.value('areas.list', {}, o.clerk)).find((a) => a.name === '城关镇')!.id;
  const sw = (
    await o.api.value(
      'services.saveProvider',
      { code: 'SW01', name: '城关镇社工站', kind: 'social_work_station', townshipIds: [town] },
      o.manager,
    )
  ).id;
  const so = (
    await o.api.value(
      'services.saveProvider',
      { code: 'SO01', name: '爱心服务中心', kind: 'social_organisation', townshipIds: [town] },
      o.manager,
    )
  ).id;
  const contract = { year: 2026, budgetFen: 10_000_000, signedOn: '2026-01-05' };
  await o.api.value(
    'services.saveContract',
    { ...contract, providerId: sw, number: 'HT-SW', services: ['visit_care', 'meals'] },
    o.manager,
  );
  await o.api.value(
    'services.saveContract',
    { ...contract, providerId: so, number: 'HT-SO', services: ['visit_care', 'meals', 'bathing'] },
    o.manager,
  );
  return { o, elder, pair, sw, so };
}

async function plans(x: Awaited<ReturnType<typeof arranged>>) {
  const { o, elder, pair, sw } = x;
  const a1 = (
    await o.api.value(
      'services.assess',
      {
        householdId: elder,
        idNumber: ELDER,
        assessedOn: '2026-08-03',
        atHome: true,
        assessors: ['张丽', '王芳'],
        scores: scores({ social_integration: { score: 2, note: '独居，少与人交流' } }),
      },
      o.clerk,
    )
  ).id;
  const a2 = (
    await o.api.value(
      'services.assess',
      {
        householdId: pair,
        idNumber: WIFE,
        assessedOn: '2026-08-03',
        atHome: false,
        assessors: ['张丽'],
        scores: scores({ economic: { score: 1, note: '饮食保障不足' } }),
      },
      o.clerk,
    )
  ).id;
  const p1 = (
    await o.api.value(
      'services.createPlan',
      {
        assessmentId: a1,
        providerId: sw,
        startMonth: '2026-08',
        endMonth: '2026-12',
        items: [{ serviceCode: 'visit_care', monthlyQuantity: 4 }],
      },
      o.clerk,
    )
  ).id;
  const p2 = (
    await o.api.value(
      'services.createPlan',
      {
        assessmentId: a2,
        providerId: sw,
        startMonth: '2026-08',
        endMonth: '2026-12',
        items: [{ serviceCode: 'meals', monthlyQuantity: 20 }],
      },
      o.clerk,
    )
  ).id;
  return { a1, a2, p1, p2 };
}

describe('service assistance', () => {
  it('suggests the elder, refuses a home assessment by one person and plans only for a need', async () => {
    const x = await arranged();
    const { o, elder, sw, so } = x;
    const s = await o.api.value('services.suggestions', {}, o.clerk);
    expect(s.suggestions.map((p) => [p.idNumber, p.why])).toEqual([[ELDER, 'tekun_at_home']]);
    const one = { householdId: elder, idNumber: ELDER, assessedOn: '2026-08-03', atHome: true, assessors: ['张丽'], scores: scores({}) };
    expect(await refused(o.api.value('services.assess', one, o.clerk))).toMatchObject({ field: 'assessors' });
    const { a1 } = await plans(x);
    expect((await o.api.value('services.suggestions', {}, o.clerk)).suggestions).toEqual([]);
    const plan = (item: string, providerId: number) =>
      o.api.value(
        'services.createPlan',
        { assessmentId: a1, providerId, startMonth: '2026-09', endMonth: '2026-10', items: [{ serviceCode: item, monthlyQuantity: 2 }] },
        o.clerk,
      );
    // Bathing serves health, scored 0; visiting is planned already with the station for those months.
    expect(await refused(plan('bathing', so))).toMatchObject({ field: 'items', message: expect.stringContaining('health') });
    expect(await refused(plan('visit_care', so))).toMatchObject({ field: 'items', message: expect.stringContaining('Plan #') });
    expect(await refused(plan('bathing', sw))).toMatchObject({ field: 'items' });
    // The happiness list shows the suggested assessment done.
    const happy = await o.api.value('chain.happiness', { householdId: elder }, o.clerk);
    expect(happy.items.find((i) => i.assistance === 'service_assessment')).toMatchObject({ status: 'received', kind: 'entitlement' });
  });

  it('decides a provider’s file row by row: each refusal of §12.4, and 1.5 × the plan counting the month’s accepted records and the row', async () => {
    const x = await arranged();
    const { o, elder } = x;
    await plans(x);
    o.at('2026-09-30T09:00:00Z');
    const csv = [
      '记录编号,身份证号码,姓名,服务机构,服务项目,服务日期,数量,服务人员,备注',
      `R1,${ELDER},赵桂兰,SW01,visit_care,2026-09-02,3,张丽,`,
      `R2,${ELDER},赵桂兰,城关镇社工站,探访关爱,2026-09-10,3,张丽,`, // 6 = 1.5 × 4: accepted
      `R3,${ELDER},赵桂兰,SW01,visit_care,2026-09-15,1,张丽,`, // 7 > 6: refused
      `R1,${ELDER},赵桂兰,SW01,visit_care,2026-09-16,1,张丽,重复`, // record id seen
      `R4,${ELDER},赵桂兰,SO01,visit_care,2026-09-16,1,李强,`, // not the plan's provider
      `R5,${ELDER},赵桂兰,SW01,visit_care,2026-07-15,1,张丽,`, // before the plan
      `R6,${ELDER},赵桂兰,SW01,meals,2026-09-03,1,张丽,`, // no plan of meals
      `R7,${HUSBAND},孙建军,SW01,meals,2026-09-03,1,张丽,`, // no plan for him
      `R8,${WIFE},周丽,SW01,meals,2026-09-03,10,张丽,`,
      `R9,${WIFE},周丽,SW01,meals,2026-09-17,5,张丽,`,
      `R10,${WIFE},周丽,SW01,meals,2026-09-18,0,张丽,`, // not a quantity
    ].join('\n');
    const r = await importFile(o, 'service_records', csv, '城关镇社工站服务记录-2026-09.csv');
    expect(r.summary).toMatchObject({ rowsRead: 11, accepted: 4, matchedPersons: 2, warningsRaised: 0 });
    const byRow = Object.fromEntries(r.rejected.map((x) => [x.row, x]));
    expect(Object.keys(byRow).map(Number)).toEqual([4, 5, 6, 7, 8, 9, 12]);
    expect(byRow[4]).toMatchObject({ column: '数量' });
    expect(byRow[4].reason).toContain('1.5');
    expect(byRow[5]).toMatchObject({ column: '记录编号' });
    expect(byRow[6]).toMatchObject({ column: '服务机构' });
    expect(byRow[6].reason).toContain('城关镇社工站');
    for (const row of [7, 8, 9]) expect(byRow[row].reason).toMatch(/没有|no plan/);
    expect(byRow[12]).toMatchObject({ column: '数量' });

    // The month's records: 6 visits at 50 yuan, 15 meals at 12 yuan.
    const records = await o.api.value('services.records', { month: '2026-09' }, o.clerk);
    expect(records.map((x) => [x.recordKey, x.quantity, x.costFen])).toEqual([
      ['R1', 3, 15000],
      ['R2', 3, 15000],
      ['R8', 10, 12000],
      ['R9', 5, 6000],
    ]);
    // The file once more: every record id is seen.
    const again = await importFile(o, 'service_records', `${csv}\n`, 'again.csv');
    expect(again.summary.accepted).toBe(0);

    // By hand: refused with the reason by its field; a new price is a new dated row and prices from its date.
    const manual = { providerId: x.sw, idNumber: ELDER, serviceCode: 'visit_care', quantity: 1, staff: '张丽' };
    expect(await refused(o.api.value('services.addRecord', { ...manual, recordId: 'M1', date: '2026-09-29' }, o.clerk))).toMatchObject({
      code: 'record_refused',
      field: 'quantity',
    });
    o.at('2026-10-08T09:00:00Z');
    await o.api.value(
      'services.addPrice',
      {
        code: 'visit_care',
        nameZh: '探访关爱',
        nameEn: 'Visiting',
        area: 'social_integration',
        unitZh: '次',
        unitEn: 'visit',
        unitPriceFen: 6000,
        effectiveFrom: '2026-10-05',
      },
      o.manager,
    );
    await o.api.value('services.addRecord', { ...manual, recordId: 'M2', date: '2026-10-04', quantity: 2 }, o.clerk);
    await o.api.value('services.addRecord', { ...manual, recordId: 'M3', date: '2026-10-05', quantity: 2 }, o.clerk);
    expect((await o.api.value('services.records', { month: '2026-10' }, o.clerk)).map((x) => x.costFen)).toEqual([10000, 12000]);

    // September reached the elder's plan: on the chain; the happiness list of October shows it received (4 of 4).
    const chain = await o.api.value('chain.list', { householdId: elder }, o.clerk);
    expect(chain.filter((e) => e.kind === 'department_result' && e.status === 'received').map((e) => e.at)).toEqual([
      '2026-10-05',
      '2026-09-10',
    ]);
    const happy = await o.api.value('chain.happiness', { householdId: elder }, o.clerk);
    expect(happy.items.find((i) => i.kind === 'service')).toMatchObject({ status: 'received', item: 'visit_care', amountFen: 22000 });
    const pair = await o.api.value('chain.happiness', { householdId: x.pair }, o.clerk);
    expect(pair.items.find((i) => i.kind === 'service')).toMatchObject({ status: 'pending', note: expect.stringContaining('0/20') });
  });

  it('reports each provider’s month: planned against delivered, cost against budget, the quarter’s satisfaction', async () => {
    const x = await arranged();
    const { o } = x;
    await plans(x);
    o.at('2026-09-30T09:00:00Z');
    const csv = [
      '记录编号,身份证号码,服务机构,服务项目,服务日期,数量',
      `A1,${ELDER},SW01,visit_care,2026-08-12,2`,
      `A2,${ELDER},SW01,visit_care,2026-09-02,6`,
      `A3,${WIFE},SW01,meals,2026-09-03,15`,
    ].join('\n');
    await importFile(o, 'service_records', csv, 'sw.csv');
    await o.api.value(
      'services.rate',
      { idNumber: ELDER, providerId: x.sw, quarter: '2026-Q3', score: 4, visitDate: '2026-09-20', visitor: '张丽' },
      o.clerk,
    );
    await o.api.value(
      'services.rate',
      { idNumber: ELDER, providerId: x.sw, quarter: '2026-Q3', score: 5, visitDate: '2026-09-28', visitor: '王芳' },
      o.clerk,
    );
    await o.api.value(
      'services.rate',
      { idNumber: WIFE, providerId: x.sw, quarter: '2026-Q3', score: 3, visitDate: '2026-09-28', visitor: '王芳' },
      o.clerk,
    );
    expect(
      await refused(
        o.api.value(
          'services.rate',
          { idNumber: WIFE, providerId: x.so, quarter: '2026-Q3', score: 3, visitDate: '2026-09-28', visitor: '王芳' },
          o.clerk,
        ),
      ),
    ).toMatchObject({ field: 'idNumber' });

    const r = await o.api.value('services.report', { month: '2026-09' }, o.manager);
    expect(r.quarter).toBe('2026-Q3');
    const [sw, so] = r.providers;
    expect(sw).toMatchObject({
      name: '城关镇社工站',
      contractNumber: 'HT-SW',
      budgetFen: 10_000_000,
      plannedPersons: 2,
      personsReceived: 1, // the elder (6 ≥ 4), not the wife (15 < 20)
      costFen: 6 * 5000 + 15 * 1200,
      yearCostFen: 8 * 5000 + 15 * 1200, // August's 2 visits too
      satisfaction: 4, // (5 + 3) / 2: the elder's later score supersedes the 4
      rated: 2,
    });
    expect(sw.services).toEqual([
      {
        serviceCode: 'visit_care',
        nameZh: '探访关爱',
        nameEn: 'Visiting',
        unitZh: '次',
        unitEn: 'visit',
        persons: 1,
        planned: 4,
        delivered: 6,
        costFen: 30000,
      },
      {
        serviceCode: 'meals',
        nameZh: '助餐',
        nameEn: 'Meals',
        unitZh: '餐',
        unitEn: 'meal',
        persons: 1,
        planned: 20,
        delivered: 15,
        costFen: 18000,
      },
    ]);
    expect(so).toMatchObject({ name: '爱心服务中心', services: [], costFen: 0, satisfaction: null });
    expect(r.totals).toEqual({ planned: 24, delivered: 21, costFen: 48000, yearCostFen: 58000, budgetFen: 20_000_000 });

    // The printed report and the station's ledger carry the same figures.
    const report = await o.api.value('reports.render', { kind: 'services', month: '2026-09', format: 'html' }, o.manager);
    for (const t of [
      '服务类社会救助服务机构月度报告',
      '2026年9月',
      '城关镇社工站',
      '探访关爱',
      '300.00',
      '180.00',
      '480.00',
      '580.00',
      '4.00（2 人）',
      '第 1 页 共 1 页',
    ])
      expect(report.html).toContain(t);
    const ledger = await o.api.value(
      'reports.render',
      { kind: 'services_ledger', month: '2026-09', providerId: x.sw, format: 'html' },
      o.manager,
    );
    for (const t of ['服务台账', '赵桂兰', '周丽', '助餐 小计', '合计 2 条', '480.00', '制表人']) expect(ledger.html).toContain(t);
    expect(ledger.html).not.toContain(WIFE);
    expect(await refused(o.api.value('reports.render', { kind: 'services', month: '2026-09', format: 'html' }, o.clerk))).toMatchObject({
      code: 'forbidden',
    });
  });
});
