/**
 * Recovery's printed forms (docs/rules/temporary-service-recovery.md §13): a case's notice to
 * the person liable — the fact, the legal basis, the overpaid months and amounts, what was repaid
 * or waived, what is still owed — and the county recovery ledger, every case with its balance,
 * by township with subtotals.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { maskIdNumber } from '../common/id-number';
import { TIER_ZH } from '../common/labels';
import { FACT_ZH } from '../recovery/facts';
import { getCase, ledger, type CaseView } from '../recovery/view';
import { GAP, officeOf, yuan, type FormOutput, type Sheet } from './forms';
import { monthZh, type Column, type DocSpec, type Row } from './layout';

const ENTRY_ZH = { repayment: '退还', waiver: '减免', deduction: '从发放中抵扣' } as const;

/** Prose cut into printed lines (the layout prints notes one line each). */
function lines(text: string, per = 62): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += per) out.push(text.slice(i, i + per));
  return out;
}

const factText = (c: CaseView) => `${c.fact.date} ${c.fact.personName ?? ''}${FACT_ZH[c.fact.kind]}`;
const liable = (c: CaseView) => (c.liableKind === 'estate' ? `${c.liableName}（已故）的遗产继承人` : `${c.liableName}（户主）`);
/** The ledger's narrower column. */
const liableShort = (c: CaseView) => (c.liableKind === 'estate' ? `${c.liableName}（遗产）` : c.liableName);

export function recoveryNoticeForm(raw: BetterSqlite3.Database, caseId: number | undefined, opts: { now: Date }): FormOutput {
  if (caseId === undefined) throw appError('invalid_input', 'Choose the case.', '请选择追缴案件。', 'caseId');
  const c = getCase(raw, caseId);
  const office = officeOf(raw);
  const infoCols: Column[] = [
    { label: '项目', widthMm: 40 },
    { label: '内容', widthMm: 150 },
  ];
  const info: Row[] = [
    ['责任人', liable(c)],
    ['身份证号码', c.liableIdNumber ? maskIdNumber(c.liableIdNumber) : '—'],
    ['住址', `${c.township}${c.village}${c.address ?? ''}`],
    ['事由', `${factText(c)}，此后按原标准发放的救助金为多发`],
    [
      '调整后认定',
      `第 ${c.determinationId} 号认定，自 ${c.effectiveMonth ? monthZh(c.effectiveMonth) : '—'}起${c.newTier === 'none' ? '停发' : `${TIER_ZH[c.newTier] ?? c.newTier}每月 ${yuan(c.newBenefitFen)} 元`}`,
    ],
    ['依据', c.basis],
  ].map((cells) => ({ kind: 'data', cells }));
  const monthCols: Column[] = [
    { label: '序号', widthMm: 14, align: 'center' },
    { label: '发放月份', widthMm: 40 },
    { label: '已发放（元）', widthMm: 44, align: 'right' },
    { label: '应发放（元）', widthMm: 44, align: 'right' },
    { label: '多发（元）', widthMm: 48, align: 'right' },
  ];
  const months: Row[] = c.months.map((m, i) => ({
    kind: 'data',
    cells: [String(i + 1), monthZh(m.month), yuan(m.paidFen), yuan(m.dueFen), yuan(m.overpaidFen)],
  }));
  months.push({
    kind: 'total',
    cells: [`合计 ${c.months.length} 个月`, '', yuan(c.months.reduce((s, m) => s + m.paidFen, 0)), '', yuan(c.totalFen)],
  });
  const entryCols: Column[] = [
    { label: '日期', widthMm: 30 },
    { label: '类别', widthMm: 36 },
    { label: '金额（元）', widthMm: 34, align: 'right' },
    { label: '说明', widthMm: 90 },
  ];
  const entries: Row[] = c.entries.map((e) => ({
    kind: 'data',
    cells: [e.onDate, `${ENTRY_ZH[e.kind]}${e.month ? `（${monthZh(e.month)}）` : ''}`, yuan(e.amountFen), e.reason],
  }));
  entries.push({
    kind: 'total',
    cells: ['尚欠金额', '', yuan(c.balanceFen), c.scheduledFen ? `其中已决定从发放中抵扣 ${yuan(c.scheduledFen)} 元` : ''],
  });
  const due = c.balanceFen - c.scheduledFen;
  const spec: DocSpec = {
    office: office.name,
    title: `${office.county}多发社会救助资金追回通知书`,
    subtitle: `${c.number}${GAP}立案日期：${c.openedAt.slice(0, 10)}`,
    orientation: 'portrait',
    rowHeightMm: 7,
    fontPt: 9,
    blocks: [
      { caption: '一、基本情况', columns: infoCols, rows: info },
      { caption: '二、多发月份及金额', columns: monthCols, rows: months },
      { caption: '三、退还、减免与抵扣', columns: entryCols, rows: entries },
    ],
    notes: [
      ...lines(
        `${liable(c)}：经核实，${factText(c)}。依据${c.basis.replace(/（.*$/, '')}，${monthZh(c.months[0]?.month ?? '')}起多发的救助资金共 ${yuan(c.totalFen)} 元应予退还，` +
          `现尚欠 ${yuan(c.balanceFen)} 元${due > 0 ? `，请于收到本通知之日起 30 日内将 ${yuan(due)} 元退还至乡镇（街道）民政办` : ''}。`,
      ),
      '未经审核人员书面决定，不从今后发放的救助金中扣减。',
      '如对本通知有异议，可自收到之日起 60 日内申请行政复议，或 6 个月内依法提起行政诉讼。',
      `${office.name}（盖章）`,
    ],
    printedOn: todayIso(opts.now),
  };
  const sheet: Sheet = {
    name: '追回通知',
    columns: [
      { header: '案号', width: 18 },
      { header: '月份', width: 10 },
      { header: '已发放（元）', width: 12, money: true },
      { header: '应发放（元）', width: 12, money: true },
      { header: '多发（元）', width: 12, money: true },
    ],
    rows: c.months.map((m) => [c.number, m.month, m.paidFen / 100, m.dueFen / 100, m.overpaidFen / 100]),
  };
  return { spec, sheets: [sheet], fileBase: `追回通知书-${c.number}` };
}

export function recoveryLedgerForm(raw: BetterSqlite3.Database, opts: { townshipId?: number; now: Date }): FormOutput {
  const office = officeOf(raw);
  const cases = ledger(raw, { townshipId: opts.townshipId });
  const cols: Column[] = [
    { label: '序号', widthMm: 10, align: 'center' },
    { label: '案号', widthMm: 30 },
    { label: '村（社区）', widthMm: 24 },
    { label: '责任人', widthMm: 30 },
    { label: '事由', widthMm: 38 },
    { label: '多发月数', widthMm: 15, align: 'right' },
    { label: '应追缴（元）', widthMm: 22, align: 'right' },
    { label: '已退还（元）', widthMm: 22, align: 'right' },
    { label: '已抵扣（元）', widthMm: 22, align: 'right' },
    { label: '减免（元）', widthMm: 20, align: 'right' },
    { label: '余额（元）', widthMm: 22, align: 'right' },
    { label: '立案日期', widthMm: 22 },
  ];
  type Sum = { n: number; total: number; repaid: number; deducted: number; waived: number; balance: number };
  const zero = (): Sum => ({ n: 0, total: 0, repaid: 0, deducted: 0, waived: 0, balance: 0 });
  const add = (s: Sum, c: CaseView) => {
    s.n++;
    s.total += c.totalFen;
    s.repaid += c.repaidFen;
    s.deducted += c.deductedFen;
    s.waived += c.waivedFen;
    s.balance += c.balanceFen;
  };
  const sumCells = (label: string, s: Sum) => [
    label,
    '',
    '',
    '',
    '',
    '',
    yuan(s.total),
    yuan(s.repaid),
    yuan(s.deducted),
    yuan(s.waived),
    yuan(s.balance),
    '',
  ];
  const rows: Row[] = [];
  const grand = zero();
  let town = zero();
  cases.forEach((c, i) => {
    if (cases[i - 1]?.township !== c.township) rows.push({ kind: 'group', cells: [c.township] });
    rows.push({
      kind: 'data',
      cells: [
        String(i + 1),
        c.number,
        c.village,
        liableShort(c),
        factText(c),
        String(c.months.length),
        yuan(c.totalFen),
        yuan(c.repaidFen),
        yuan(c.deductedFen),
        yuan(c.waivedFen),
        yuan(c.balanceFen),
        c.openedAt.slice(0, 10),
      ],
    });
    add(town, c);
    add(grand, c);
    if (cases[i + 1]?.township !== c.township) {
      rows.push({ kind: 'subtotal', cells: sumCells(`${c.township} 小计 ${town.n} 件`, town) });
      town = zero();
    }
  });
  rows.push({ kind: 'total', cells: sumCells(`总计 ${grand.n} 件`, grand) });
  const spec: DocSpec = {
    office: office.name,
    title: `${office.county}多发社会救助资金追缴台账`,
    subtitle: `截至 ${todayIso(opts.now)}`,
    orientation: 'landscape',
    rowHeightMm: 6,
    fontPt: 8,
    blocks: [{ columns: cols, rows }],
    notes: [
      `共 ${grand.n} 件，应追缴 ${yuan(grand.total)} 元，已退还 ${yuan(grand.repaid)} 元，已抵扣 ${yuan(grand.deducted)} 元，减免 ${yuan(grand.waived)} 元，余额 ${yuan(grand.balance)} 元。`,
    ],
    printedOn: todayIso(opts.now),
  };
  const sheet: Sheet = {
    name: '追缴台账',
    columns: [
      { header: '案号', width: 18 },
      { header: '乡镇（街道）', width: 12 },
      { header: '村（社区）', width: 14 },
      { header: '户编号', width: 8 },
      { header: '责任人', width: 22 },
      { header: '事由', width: 22 },
      { header: '多发月数', width: 8 },
      { header: '应追缴（元）', width: 12, money: true },
      { header: '已退还（元）', width: 12, money: true },
      { header: '已抵扣（元）', width: 12, money: true },
      { header: '待抵扣（元）', width: 12, money: true },
      { header: '减免（元）', width: 12, money: true },
      { header: '余额（元）', width: 12, money: true },
      { header: '立案日期', width: 11 },
    ],
    rows: cases.map((c) => [
      c.number,
      c.township,
      c.village,
      c.householdId,
      liable(c),
      factText(c),
      c.months.length,
      c.totalFen / 100,
      c.repaidFen / 100,
      c.deductedFen / 100,
      c.scheduledFen / 100,
      c.waivedFen / 100,
      c.balanceFen / 100,
      c.openedAt.slice(0, 10),
    ]),
  };
  return { spec, sheets: [sheet], fileBase: `追缴台账-${todayIso(opts.now)}` };
}
