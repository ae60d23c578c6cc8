/**
 * The printed forms (UX.md "Printed forms") and what they share: the monthly roster by
 * township/village and tier, and the publicity list (docs/rules/assistance.md §8 masking), here;
 * the change list against the previous month (./changes-form.ts), the household
 * assistance-chain report with its happiness list (./chain-form.ts) and the warning report
 * (./warnings-form.ts). Each builds a DocSpec for layout.ts and the rows of its XLSX export.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { TIER_ZH } from '../common/labels';
import { maskIdNumber, maskName } from '../common/id-number';
import { anchorAuditHead } from '../audit/audit';
import { first, qb } from '../db/query';
import { formatFen } from '../common/money';
import { todayIso } from '../common/dates';
import { rosterLines, type RosterLine } from '../payments/roster';
import { addLine, emptyTotals, type Totals } from '../payments/totals';
import { monthZh, type Column, type DocSpec, type Row } from './layout';

export interface Office {
  name: string;
  county: string;
}
export function officeOf(raw: BetterSqlite3.Database): Office {
  const o = first(raw, qb.selectFrom('office').select(['name', 'county']).where('id', '=', 1));
  return o ?? { name: '（未设置单位）', county: '' };
}

/** What an XLSX sheet carries: header and rows of plain values. */
export interface Sheet {
  name: string;
  columns: { header: string; width: number; money?: boolean }[];
  rows: (string | number | null)[][];
}
export interface FormOutput {
  spec: DocSpec;
  sheets: Sheet[];
  fileBase: string;
}

/** An ideographic space, and two: the gap between parts of a printed line. */
export const SPACE = '　';
export const GAP = SPACE + SPACE;

export const yuan = (fen: number) => formatFen(fen);
const tierLabel = (l: { tier: string; exitFen?: number }) =>
  l.exitFen ? `${TIER_ZH[l.tier] ?? l.tier}（渐退）` : (TIER_ZH[l.tier] ?? l.tier);
const ROSTER_TITLE: Record<string, string> = {
  dibao: '城乡居民最低生活保障金发放花名册',
  tekun: '特困人员救助供养金发放花名册',
  marginal: '低保边缘家庭单人保救助金发放花名册',
};

function totalsCells(label: string, t: Totals, lead: number): string[] {
  return [
    label,
    ...Array(lead - 1).fill(''),
    String(t.persons),
    yuan(t.baseFen),
    yuan(t.addonFen),
    yuan(t.careFen),
    yuan(t.exitFen),
    yuan(t.adjustFen),
    yuan(t.amountFen),
  ];
}

export function rosterForm(
  raw: BetterSqlite3.Database,
  month: string,
  opts: { tier?: string; townshipId?: number; villageId?: number; now: Date },
): FormOutput {
  const office = officeOf(raw);
  const { closed, lines } = rosterLines(raw, month, opts);
  const cols: Column[] = [
    { label: '序号', widthMm: 9, align: 'center' },
    { label: '村（社区）', widthMm: 19 },
    { label: '户主姓名', widthMm: 14 },
    { label: '身份证号码', widthMm: 30 },
    { label: '类别', widthMm: 14 },
    { label: '人数', widthMm: 10, align: 'right' },
    { label: '基本生活/差额', widthMm: 19, align: 'right' },
    { label: '分类施保', widthMm: 15, align: 'right' },
    { label: '护理补贴', widthMm: 15, align: 'right' },
    { label: '渐退', widthMm: 12, align: 'right' },
    { label: '调整', widthMm: 13, align: 'right' },
    { label: '合计（元）', widthMm: 20, align: 'right' },
  ];
  const rows: Row[] = [];
  const grand = emptyTotals();
  const byTier = new Map<string, Totals>();
  let town = emptyTotals(),
    village = emptyTotals();
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const prev = lines[i - 1];
    if (!prev || prev.townshipId !== l.townshipId) rows.push({ kind: 'group', cells: [`${l.township}`] });
    rows.push(new RosterRow(++n, l));
    addLine(village, l);
    addLine(town, l);
    addLine(grand, l);
    const tt = byTier.get(l.tier) ?? emptyTotals();
    addLine(tt, l);
    byTier.set(l.tier, tt);
    const next = lines[i + 1];
    if (!next || next.areaId !== l.areaId) {
      rows.push({ kind: 'subtotal', cells: totalsCells(`${l.village} 小计 ${village.recipients} 户`, village, 5) });
      village = emptyTotals();
    }
    if (!next || next.townshipId !== l.townshipId) {
      rows.push({ kind: 'subtotal', cells: totalsCells(`${l.township} 合计 ${town.recipients} 户`, town, 5) });
      town = emptyTotals();
    }
  }
  rows.push({ kind: 'total', cells: totalsCells(`总计 ${grand.recipients} 户`, grand, 5) });
  const tierCols: Column[] = [
    { label: '类别', widthMm: 60 },
    { label: '户数', widthMm: 40, align: 'right' },
    { label: '人数', widthMm: 40, align: 'right' },
    { label: '金额（元）', widthMm: 50, align: 'right' },
  ];
  const tierRows: Row[] = [...byTier.entries()].map(([t, v]) => ({
    kind: 'data' as const,
    cells: [TIER_ZH[t] ?? t, String(v.recipients), String(v.persons), yuan(v.amountFen)],
  }));
  tierRows.push({ kind: 'total', cells: ['合计', String(grand.recipients), String(grand.persons), yuan(grand.amountFen)] });
  const title = `${office.county}${ROSTER_TITLE[opts.tier ?? ''] ?? '社会救助金发放花名册'}`;
  const spec: DocSpec = {
    office: office.name,
    title,
    subtitle: `发放月份：${monthZh(month)}${GAP}${closed ? '已结账' : '未结账（预览）'}`,
    orientation: 'portrait',
    rowHeightMm: 5.2,
    // A long word (刚性支出困难) wraps rather than being cut (issue 21).
    wrap: true,
    fontPt: 7.5,
    blocks: [
      { columns: cols, rows },
      { caption: '按类别汇总', columns: tierCols, rows: tierRows },
    ],
    notes: [`本月发放 ${grand.recipients} 户 ${grand.persons} 人，合计 ${yuan(grand.amountFen)} 元。身份证号码按规定遮蔽显示。`],
    printedOn: todayIso(opts.now),
    auditHead: anchorAuditHead(raw, `roster ${month}`, opts.now).short,
  };
  const sheet = (): Sheet => ({
    name: '花名册',
    columns: [
      { header: '序号', width: 7 },
      { header: '乡镇（街道）', width: 12 },
      { header: '村（社区）', width: 14 },
      { header: '户编号', width: 9 },
      { header: '户主姓名', width: 10 },
      { header: '身份证号码', width: 21 },
      { header: '类别', width: 14 },
      { header: '人数', width: 6 },
      { header: '基本生活/差额', width: 12, money: true },
      { header: '分类施保', width: 10, money: true },
      { header: '护理补贴', width: 10, money: true },
      { header: '渐退', width: 10, money: true },
      { header: '调整', width: 10, money: true },
      { header: '合计（元）', width: 12, money: true },
      { header: '备注', width: 40 },
    ],
    rows: [
      ...lines.map((l, i) => [
        i + 1,
        l.township,
        l.village,
        l.householdId,
        l.headName,
        l.headIdNumber,
        tierLabel(l),
        l.size,
        l.baseFen / 100,
        l.addonFen / 100,
        l.careFen / 100,
        l.exitFen / 100,
        l.adjustFen / 100,
        l.amountFen / 100,
        l.note,
      ]),
      [
        '总计',
        '',
        '',
        grand.recipients,
        '',
        '',
        '',
        grand.persons,
        grand.baseFen / 100,
        grand.addonFen / 100,
        grand.careFen / 100,
        grand.exitFen / 100,
        grand.adjustFen / 100,
        grand.amountFen / 100,
        '',
      ],
    ],
  });
  // The XLSX sheet is built only when asked for: a printed roster never needs it.
  return {
    spec,
    get sheets() {
      return [sheet()];
    },
    fileBase: `花名册-${month}${opts.tier ? `-${opts.tier}` : ''}`,
  };
}

/**
 * A roster line as a printed row, its cells formatted only when its page is rendered: the form
 * keeps the county's lines once, not a second copy as text, which kept the app's memory growing
 * with the roster (bench/README.md, reports). The spec is rendered on the server only; the
 * cells are a getter, so the row is not meant for JSON.
 */
class RosterRow implements Row {
  readonly kind = 'data' as const;
  constructor(
    private readonly n: number,
    private readonly l: RosterLine,
  ) {}
  get cells(): string[] {
    const l = this.l;
    return [
      String(this.n),
      l.village,
      l.headName,
      maskIdNumber(l.headIdNumber),
      tierLabel(l),
      String(l.size),
      yuan(l.baseFen),
      yuan(l.addonFen),
      yuan(l.careFen),
      yuan(l.exitFen),
      yuan(l.adjustFen),
      yuan(l.amountFen),
    ];
  }
}

export function publicityForm(
  raw: BetterSqlite3.Database,
  month: string,
  opts: { tier?: string; townshipId?: number; villageId?: number; now: Date },
): FormOutput {
  const office = officeOf(raw);
  const { lines } = rosterLines(raw, month, opts);
  const cols: Column[] = [
    { label: '序号', widthMm: 14, align: 'center' },
    { label: '乡镇（街道）', widthMm: 30 },
    { label: '村（社区）', widthMm: 34 },
    { label: '户主', widthMm: 24 },
    { label: '家庭人数', widthMm: 20, align: 'right' },
    { label: '救助类别', widthMm: 36 },
    { label: '月救助金额（元）', widthMm: 32, align: 'right' },
  ];
  const rows: Row[] = [];
  let n = 0,
    vCount = 0,
    vFen = 0,
    total = 0;
  lines.forEach((l, i) => {
    rows.push({
      kind: 'data',
      cells: [String(++n), l.township, l.village, maskName(l.headName), String(l.size), tierLabel(l), yuan(l.amountFen)],
    });
    vCount++;
    vFen += l.amountFen;
    total += l.amountFen;
    const next = lines[i + 1];
    if (!next || next.areaId !== l.areaId) {
      rows.push({ kind: 'subtotal', cells: [`${l.village} 小计 ${vCount} 户`, '', '', '', '', '', yuan(vFen)] });
      vCount = 0;
      vFen = 0;
    }
  });
  rows.push({ kind: 'total', cells: [`总计 ${lines.length} 户`, '', '', '', '', '', yuan(total)] });
  const spec: DocSpec = {
    office: office.name,
    title: `${office.county}社会救助对象公示名单`,
    subtitle: `公示月份：${monthZh(month)}${GAP}公示期 7 天`,
    orientation: 'portrait',
    rowHeightMm: 5.5,
    fontPt: 8,
    blocks: [{ columns: cols, rows }],
    notes: [
      '对公示内容有异议的，请于公示期内向乡镇（街道）或县民政局反映。公示名单不含身份证号码、银行账号、联系电话、详细住址及病残情况。',
    ],
    printedOn: todayIso(opts.now),
  };
  const sheet: Sheet = {
    name: '公示名单',
    columns: [
      { header: '序号', width: 7 },
      { header: '乡镇（街道）', width: 12 },
      { header: '村（社区）', width: 14 },
      { header: '户主', width: 10 },
      { header: '家庭人数', width: 8 },
      { header: '救助类别', width: 14 },
      { header: '月救助金额（元）', width: 14, money: true },
    ],
    rows: lines.map((l, i) => [i + 1, l.township, l.village, maskName(l.headName), l.size, tierLabel(l), l.amountFen / 100]),
  };
  return { spec, sheets: [sheet], fileBase: `公示名单-${month}` };
}

export type { RosterLine };
