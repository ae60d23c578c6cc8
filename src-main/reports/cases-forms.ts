/**
 * The printed forms of applications on the clock (docs/rules/workstations.md, "Delegation, time limits and checks"): the
 * publicity list of pending decisions (masked, docs/rules/assistance.md §8), the monthly case-progress report per township,
 * and the spot-check list with its seed — A4 through ./layout.ts like the other forms.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { TIER_ZH } from '../common/labels';
import { publicityList, townshipProgress } from '../cases/list';
import { spotCheckList } from '../cases/spot-checks';
import { STAGE_LABEL } from '../cases/labels';
import { GAP, officeOf, type FormOutput, type Sheet } from './forms';
import { monthZh, type Column, type DocSpec, type Row } from './layout';

export const CASE_REPORT_KINDS = ['cases', 'spot-checks', 'case-publicity'] as const;
export type CaseReportKind = (typeof CASE_REPORT_KINDS)[number];

const sheetOf = (name: string, cols: Column[], rows: Row[]): Sheet => ({
  name,
  columns: cols.map((c) => ({ header: c.label, width: Math.max(6, Math.round(c.widthMm * 0.6)) })),
  rows: rows.filter((r) => r.kind === 'data').map((r) => r.cells),
});

export function caseProgressForm(raw: BetterSqlite3.Database, month: string, opts: { now: Date }): FormOutput {
  const office = officeOf(raw);
  const today = todayIso(opts.now);
  const rows = townshipProgress(raw, month, today);
  const cols: Column[] = [
    { label: '序号', widthMm: 10, align: 'center' },
    { label: '乡镇（街道）', widthMm: 34 },
    { label: '本月受理', widthMm: 18, align: 'right' },
    { label: '本月审批', widthMm: 18, align: 'right' },
    { label: '不予批准', widthMm: 18, align: 'right' },
    { label: '撤回', widthMm: 14, align: 'right' },
    { label: '办理中', widthMm: 16, align: 'right' },
    { label: '逾期', widthMm: 14, align: 'right' },
    { label: '平均办理工作日', widthMm: 26, align: 'right' },
    { label: '备注', widthMm: 22 },
  ];
  const body: Row[] = rows.map((r, i) => ({
    kind: 'data',
    cells: [
      String(i + 1),
      r.township,
      String(r.received),
      String(r.decided),
      String(r.refused),
      String(r.withdrawn),
      String(r.open),
      String(r.overdue),
      r.averageWorkingDays === null ? '—' : r.averageWorkingDays.toFixed(1),
      r.overdue > 0 ? '有逾期' : '',
    ],
  }));
  const sum = (k: 'received' | 'decided' | 'refused' | 'withdrawn' | 'open' | 'overdue') => String(rows.reduce((s, r) => s + r[k], 0));
  const closed = rows.filter((r) => r.averageWorkingDays !== null);
  const weight = closed.reduce((s, r) => s + r.decided + r.refused, 0);
  const avg = weight ? (closed.reduce((s, r) => s + r.averageWorkingDays! * (r.decided + r.refused), 0) / weight).toFixed(1) : '—';
  body.push({
    kind: 'total',
    cells: ['合计', '', sum('received'), sum('decided'), sum('refused'), sum('withdrawn'), sum('open'), sum('overdue'), avg, ''],
  });
  const spec: DocSpec = {
    office: office.name,
    title: `${office.county}社会救助申请办理进度月报`,
    subtitle: `${monthZh(month)}${GAP}办理中和逾期截至 ${today}`,
    orientation: 'portrait',
    rowHeightMm: 6,
    fontPt: 8.5,
    blocks: [{ columns: cols, rows: body }],
    notes: [
      '时限按办公日历的工作日计算：乡镇 3 个工作日内启动调查，县级 3 个工作日内启动核对，公示 7 天，公示期满后 10 个工作日内审批，全程 30 个工作日（经批准延长至 45 个）。',
    ],
    printedOn: today,
  };
  return { spec, sheets: [sheetOf('办理进度', cols, body)], fileBase: `申请办理进度月报-${month}` };
}

export function casePublicityForm(raw: BetterSqlite3.Database, opts: { now: Date; townshipId?: number }): FormOutput {
  const office = officeOf(raw);
  const today = todayIso(opts.now);
  const list = publicityList(raw, opts.now, opts.townshipId);
  const cols: Column[] = [
    { label: '序号', widthMm: 12, align: 'center' },
    { label: '乡镇（街道）', widthMm: 30 },
    { label: '村（社区）', widthMm: 32 },
    { label: '申请人', widthMm: 22 },
    { label: '家庭人数', widthMm: 18, align: 'right' },
    { label: '申请类别', widthMm: 24 },
    { label: '公示起止', widthMm: 52 },
  ];
  const rows: Row[] = list.map((l, i) => ({
    kind: 'data',
    cells: [
      String(i + 1),
      l.township,
      l.village,
      l.name,
      String(l.size),
      TIER_ZH[l.tierApplied] ?? l.tierApplied,
      `${l.publicityFrom} 至 ${l.publicityTo}`,
    ],
  }));
  rows.push({ kind: 'total', cells: [`共 ${list.length} 户`, '', '', '', '', '', ''] });
  const spec: DocSpec = {
    office: office.name,
    title: `${office.county}社会救助申请待审批公示名单`,
    subtitle: `截至 ${today}${GAP}公示期 7 天`,
    orientation: 'portrait',
    rowHeightMm: 6,
    fontPt: 8.5,
    blocks: [{ columns: cols, rows }],
    notes: [
      '对公示对象有异议的，请于公示期内向乡镇（街道）或县民政局反映，可署名或匿名。公示名单不含身份证号码、银行账号、联系电话、详细住址及病残情况。',
    ],
    printedOn: today,
  };
  return { spec, sheets: [sheetOf('待审批公示', cols, rows)], fileBase: `待审批公示名单-${today}` };
}

export function spotCheckForm(raw: BetterSqlite3.Database, month: string, opts: { now: Date }): FormOutput {
  const office = officeOf(raw);
  const draw = spotCheckList(raw, month, opts.now);
  if (!draw) throw appError('not_drawn', `The spot check of ${month} has not been drawn.`, `${month} 尚未抽取抽查名单。`, 'month');
  const cols: Column[] = [
    { label: '序号', widthMm: 9, align: 'center' },
    { label: '申请编号', widthMm: 14, align: 'right' },
    { label: '乡镇（街道）', widthMm: 22 },
    { label: '村（社区）', widthMm: 22 },
    { label: '申请人', widthMm: 16 },
    { label: '类别', widthMm: 14 },
    { label: '审批', widthMm: 30 },
    { label: '复查日期', widthMm: 19 },
    { label: '复查结果', widthMm: 44 },
  ];
  const rows: Row[] = draw.items.map((i) => ({
    kind: 'data',
    cells: [
      String(i.position),
      String(i.caseId),
      i.township,
      i.village,
      i.headName,
      TIER_ZH[i.tierApplied] ?? i.tierApplied,
      `${STAGE_LABEL[i.stage].zh} ${i.decidedOn ?? ''}`,
      i.visitedOn ?? '',
      i.outcome === null ? '' : `${i.outcome === 'finding' ? '发现问题' : '属实'}：${i.note ?? ''}`,
    ],
  }));
  rows.push({ kind: 'total', cells: [`抽取 ${draw.items.length} 件 / 乡镇审批 ${draw.population} 件`, '', '', '', '', '', '', '', ''] });
  const spec: DocSpec = {
    office: office.name,
    title: `${office.county}乡镇审批事项抽查名单`,
    subtitle: `${monthZh(month)}${GAP}抽查比例 ${draw.percent}%${GAP}随机种子 ${draw.seed}`,
    orientation: 'portrait',
    rowHeightMm: 8,
    lines: 2,
    fontPt: 8,
    blocks: [{ columns: cols, rows }],
    notes: [`抽取人 ${draw.drawnBy}，抽取时间 ${draw.drawnAt.slice(0, 10)}；以同一随机种子可重新抽出同一名单。`],
    printedOn: todayIso(opts.now),
  };
  return { spec, sheets: [sheetOf('抽查名单', cols, rows)], fileBase: `抽查名单-${month}` };
}
