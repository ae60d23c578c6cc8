/** The scenario summary as printed (UX.md "Printed forms"): A4, title, office, the tables with their totals, the chart, signatures, page numbers. */
import { describe, expect, it } from 'vitest';
import { adminService } from '../../fixtures/builders';
import { seedDemoCounty } from '../../../src-main/demo/seed';
import { startScenario, scenarioFinished } from '../../../src-main/scenarios/run';
import { scenarioSpec } from '../../../src-main/reports/scenario-form';
import { renderDoc } from '../../../src-main/reports/layout';
import { scenarioRun } from '../../../src-main/scenarios/runs';
import { formatFen } from '../../../src-main/common/money';

describe('the printed scenario summary', () => {
  it('carries the changes, the households affected, the cost by tier and township with totals, the bars and the signature block', async () => {
    const s = await adminService();
    seedDemoCounty(s.store, 500, { seed: 6 });
    const actor = { userId: null, username: 'mgr1' };
    const run = async (name: string, value: number) => {
      const id = startScenario(
        s.store.raw,
        s.store.file,
        { name, effectiveFrom: '2027-01-01', changes: [{ parameterId: 'dibao.standard', residence: 'rural', value }] },
        actor,
        new Date(),
      );
      await scenarioFinished(id);
      return id;
    };
    const a = await run('农村 650', 650);
    const b = await run('农村 700', 700);
    const spec = scenarioSpec(s.store.raw, [a], new Date('2026-12-05T08:00:00Z'));
    expect(spec).toMatchObject({ title: '政策测算结果汇总表', orientation: 'portrait', signature: true, office: '示范县民政局' });
    expect(spec.blocks.map((x) => x.caption)).toEqual([
      '一、参数调整（自 2027-01-01 起）',
      '二、受影响的家庭',
      '三、按类别的月支出',
      '四、按乡镇的月支出',
      '五、待遇变化分布（户）',
    ]);
    expect(spec.blocks[0].rows[0].cells).toEqual(['低保标准', '农村', '650.00 元']);
    const tier = spec.blocks[2].rows.at(-1)!;
    const town = spec.blocks[3].rows.find((r) => r.kind === 'total')!;
    expect(tier.cells[0]).toBe('合计');
    // The township total is the tier total: the same county counted two ways.
    expect(town.cells.slice(1)).toEqual(tier.cells.slice(1));
    expect(spec.blocks[4].rows.some((r) => r.cells[2].includes('█'))).toBe(true);
    expect(spec.notes?.at(-1)).toContain('审计序号');
    const html = renderDoc(spec).html();
    for (const text of ['政策测算结果汇总表', '制表人', '审核人', '负责人', '第 1 页 共', tier.cells[4]]) expect(html).toContain(text);
    // Two runs side by side: each part names its scenario.
    const both = scenarioSpec(s.store.raw, [a, b], new Date());
    expect(both.blocks.filter((x) => x.caption?.startsWith('【农村 700】'))).toHaveLength(5);
    expect(both.subtitle).toContain('农村 650');
    // Budget mode from July: the monthly budget and cost with the year's and the rest of the year's (6 months).
    const monthlyFen = Math.round(scenarioRun(s.store.raw, a).summary!.monthlyCost.before / 100) * 102;
    const c = startScenario(
      s.store.raw,
      s.store.file,
      {
        name: '预算',
        effectiveFrom: '2027-07-15',
        changes: [],
        budget: { monthlyFen, parameterId: 'dibao.standard', residence: 'rural' },
      },
      actor,
      new Date(),
    );
    await scenarioFinished(c);
    const budget = scenarioSpec(s.store.raw, [c], new Date()).notes!.find((n) => n.includes('预算测算'))!;
    expect(budget).toContain(
      `每月预算 ${formatFen(monthlyFen)} 元内（全年 ${formatFen(monthlyFen * 12)} 元；自 2027-07-15 至年底 6 个月 ${formatFen(monthlyFen * 6)} 元）`,
    );
    expect(budget).toMatch(/测算后支出每月 [\d,.]+ 元，全年 [\d,.]+ 元，至年底 [\d,.]+ 元/);
  }, 60_000);
});
