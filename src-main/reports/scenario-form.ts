/**
 * The scenario summary for the county's leadership (UX.md "Printed forms"): what changed, who
 * is affected, the monthly and annual cost by tier and township, and a bar chart of the
 * benefit changes drawn in the form's own cells, so it prints as the other forms do. Up to
 * three runs side by side, one after the other, each against the parameters in force.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { TIER_ZH } from '../common/labels';
import { monthsLeftInYear, todayIso } from '../common/dates';
import { scenarioRun } from '../scenarios/runs';
import { isMoney, PARAMETER_ZH as NAMES, unitOf } from '../scenarios/define';
import { docToPdf } from './pdf';
import { renderDoc, type Block, type DocSpec, type Row } from './layout';
import { GAP, officeOf, yuan } from './forms';

const COLUMN_ZH = { both: '城乡', urban: '城市', rural: '农村' };
const data = (cells: string[]): Row => ({ kind: 'data', cells });
const BAR = 30;

export function scenarioSpec(raw: BetterSqlite3.Database, ids: number[], now: Date): DocSpec {
  const office = officeOf(raw);
  const runs = ids.map((id) => scenarioRun(raw, id, now));
  const blocks: Block[] = [];
  const notes: string[] = [];
  for (const r of runs) {
    const s = r.summary;
    const tag = runs.length > 1 ? `【${r.name}】` : '';
    blocks.push({
      caption: `${tag}一、参数调整（自 ${r.effectiveFrom} 起）`,
      columns: [
        { label: '参数', widthMm: 90 },
        { label: '城乡', widthMm: 25, align: 'center' },
        { label: '测算值', widthMm: 75, align: 'right' },
      ],
      rows: r.changes.map((c) =>
        data([
          NAMES[c.parameterId] ?? c.parameterId,
          COLUMN_ZH[c.residence],
          isMoney(unitOf(c.parameterId)) && typeof c.value === 'number' ? `${yuan(Math.round(c.value * 100))} 元` : String(c.value),
        ]),
      ),
    });
    if (!s) {
      notes.push(`${r.name}：测算未完成（${r.status}）。`);
      continue;
    }
    const h = s.households,
      p = s.persons;
    blocks.push({
      caption: `${tag}二、受影响的家庭`,
      columns: [
        { label: '类别', widthMm: 90 },
        { label: '户数', widthMm: 50, align: 'right' },
        { label: '人数', widthMm: 50, align: 'right' },
      ],
      rows: (
        [
          ['新纳入', 'newlyEligible'],
          ['退出', 'leaving'],
          ['档次上调', 'tierUp'],
          ['档次下调', 'tierDown'],
          ['金额变化', 'benefitChanged'],
          ['不变', 'unchanged'],
        ] as const
      ).map(([label, k]) => data([label, String(h[k]), String(p[k])])),
    });
    const money = [
      { label: '测算前户数', widthMm: 26, align: 'right' as const },
      { label: '测算后户数', widthMm: 26, align: 'right' as const },
      { label: '测算前（元/月）', widthMm: 36, align: 'right' as const },
      { label: '测算后（元/月）', widthMm: 36, align: 'right' as const },
      { label: '增减（元/月）', widthMm: 32, align: 'right' as const },
    ];
    const cells = (x: { householdsBefore: number; householdsAfter: number; before: number; after: number; delta: number }) => [
      String(x.householdsBefore),
      String(x.householdsAfter),
      yuan(x.before),
      yuan(x.after),
      yuan(x.delta),
    ];
    const total = (rows: { householdsBefore: number; householdsAfter: number; before: number; after: number; delta: number }[]) =>
      rows.reduce(
        (a, x) => ({
          householdsBefore: a.householdsBefore + x.householdsBefore,
          householdsAfter: a.householdsAfter + x.householdsAfter,
          before: a.before + x.before,
          after: a.after + x.after,
          delta: a.delta + x.delta,
        }),
        { householdsBefore: 0, householdsAfter: 0, before: 0, after: 0, delta: 0 },
      );
    blocks.push({
      caption: `${tag}三、按类别的月支出`,
      columns: [{ label: '类别', widthMm: 34 }, ...money],
      rows: [
        ...s.byTier.map((t) => data([TIER_ZH[t.tier] ?? t.tier, ...cells(t)])),
        { kind: 'total', cells: ['合计', ...cells(total(s.byTier))] },
      ],
    });
    blocks.push({
      caption: `${tag}四、按乡镇的月支出`,
      columns: [{ label: '乡镇', widthMm: 34 }, ...money],
      rows: [
        ...s.byTownship.map((t) => data([t.name, ...cells(t)])),
        { kind: 'total', cells: ['合计', ...cells(total(s.byTownship))] },
        { kind: 'info', cells: ['全年', '', '', yuan(s.annualCost.before), yuan(s.annualCost.after), yuan(s.annualCost.delta)] },
      ],
    });
    const most = Math.max(1, ...s.deltas.map((d) => d.households));
    const band = (d: { fromFen: number | null; toFen: number | null }) =>
      d.fromFen === null
        ? `减少 ${-(d.toFen ?? 0) / 100} 元以上`
        : d.toFen === null
          ? `增加 ${d.fromFen / 100} 元以上`
          : `${d.fromFen / 100} 至 ${d.toFen / 100} 元`;
    blocks.push({
      caption: `${tag}五、待遇变化分布（户）`,
      columns: [
        { label: '每月变化', widthMm: 50 },
        { label: '户数', widthMm: 25, align: 'right' },
        { label: '', widthMm: 115 },
      ],
      rows: s.deltas.map((d) => data([band(d), String(d.households), '█'.repeat(Math.round((d.households / most) * BAR))])),
    });
    if (s.gradualExits.households > 0)
      notes.push(`${tag}触发渐退 ${s.gradualExits.households} 户 ${s.gradualExits.persons} 人，渐退金 ${yuan(s.gradualExits.fen)} 元/月。`);
    if (r.solved) {
      const b = r.budgetFen ?? 0;
      const left = monthsLeftInYear(r.effectiveFrom);
      notes.push(
        `${tag}预算测算：每月预算 ${yuan(b)} 元内（全年 ${yuan(b * 12)} 元；自 ${r.effectiveFrom} 至年底 ${left} 个月 ${yuan(b * left)} 元），` +
          `${NAMES[r.solved.parameterId] ?? r.solved.parameterId}（${COLUMN_ZH[r.solved.residence]}）最高 ${r.solved.valueYuan} 元；` +
          `测算后支出每月 ${yuan(s.monthlyCost.after)} 元，全年 ${yuan(s.annualCost.after)} 元，至年底 ${yuan(s.monthlyCost.after * left)} 元。`,
      );
    }
    notes.push(
      `${tag}测算第 ${r.id} 号，${r.startedBy} 于 ${r.startedAt.slice(0, 10)} 按登记库（审计序号 ${r.auditSeq}）测算，共 ${s.evaluated} 户。`,
    );
  }
  return {
    office: office.name,
    title: '政策测算结果汇总表',
    subtitle: `${office.county}${runs.map((r) => `${GAP}${r.name}（自 ${r.effectiveFrom} 起）`).join('')}`,
    orientation: 'portrait',
    rowHeightMm: 6,
    blocks,
    notes,
    signature: true,
    printedOn: todayIso(now),
  };
}

export async function scenarioSummaryPdf(raw: BetterSqlite3.Database, ids: number[], now: Date): Promise<{ pdf: Buffer; pages: number }> {
  const r = await docToPdf(renderDoc(scenarioSpec(raw, ids, now)));
  return { pdf: r.pdf, pages: r.pages };
}
