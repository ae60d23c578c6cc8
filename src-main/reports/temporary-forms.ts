/**
 * The printed forms of temporary assistance (docs/rules/temporary-service-recovery.md §11.5): the
 * temporary-assistance ledger (临时救助台账) of a month — every one-off payment of the month, by
 * township, with case number, name, kind, reason, amount, who decided, date and where it was paid
 * from — and the masked publicity list of the cases decided in the month (§8; no publicity up to 1 × S).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { todayIso } from '../common/dates';
import { maskName } from '../common/id-number';
import { TIER_ZH } from '../common/labels';
import { all, qb } from '../db/query';
import { decisionsOf, stateOf, paymentsOf } from '../temporary/records';
import { BAND_ZH, KIND_ZH, PAID_FROM_ZH, reasonZh, TRACK_ZH } from '../temporary/words';
import { GAP, officeOf, yuan, type FormOutput, type Sheet } from './forms';
import { monthZh, type Column, type DocSpec, type Row } from './layout';

const LEVEL_ZH: Record<string, string> = { county: '县级', township: '乡镇' };

function monthRange(month: string) {
  return { from: `${month}-01`, to: `${month}-31` };
}

export function temporaryLedgerForm(raw: BetterSqlite3.Database, month: string, opts: { townshipId?: number; now: Date }): FormOutput {
  const office = officeOf(raw);
  let q = qb
    .selectFrom('temporary_payments as p')
    .innerJoin('temporary_cases as c', 'c.id', 'p.case_id')
    .innerJoin('areas as t', 't.id', 'c.township_id')
    .leftJoin('areas as v', 'v.id', 'c.area_id')
    .select([
      'p.paid_on',
      'p.amount_fen',
      'p.paid_from',
      'p.stage',
      'c.id',
      'c.number',
      'c.person_name',
      'c.kind',
      'c.reason',
      'c.track',
      'c.band',
      'c.household_id',
      't.id as townshipId',
      't.name as township',
      'v.name as village',
    ])
    .where('p.month', '=', month);
  if (opts.townshipId !== undefined) q = q.where('c.township_id', '=', opts.townshipId);
  const lines = all(raw, q.orderBy('t.name').orderBy('p.paid_on').orderBy('c.number').orderBy('p.stage'));
  const decisions = decisionsOf(raw, [...new Set(lines.map((l) => l.id))]);
  // People are named by name (UX.md): the decider's display name, as the account has it.
  const names = new Map(all(raw, qb.selectFrom('users').select(['username', 'display_name'])).map((u) => [u.username, u.display_name]));
  const decidedBy = (id: number) => {
    const ds = (decisions.get(id) ?? []).filter((d) => d.step !== 'refuse');
    return ds.map((d) => `${names.get(d.username) ?? d.username}（${LEVEL_ZH[d.level] ?? d.level}）`).join('、');
  };
  const cols: Column[] = [
    { label: '序号', widthMm: 9, align: 'center' },
    { label: '救助编号', widthMm: 25 },
    { label: '次', widthMm: 6, align: 'center' },
    { label: '姓名', widthMm: 14 },
    { label: '村（社区）', widthMm: 19 },
    { label: '类型', widthMm: 11 },
    { label: '事由', widthMm: 15 },
    { label: '权限', widthMm: 14 },
    { label: '金额（元）', widthMm: 18, align: 'right' },
    { label: '决定人', widthMm: 25 },
    { label: '发放日期', widthMm: 17 },
    { label: '支付来源', widthMm: 17 },
  ];
  const rows: Row[] = [];
  let n = 0;
  let townFen = 0,
    townN = 0,
    total = 0;
  const byFrom = new Map<string, { n: number; fen: number }>();
  lines.forEach((l, i) => {
    if (i === 0 || lines[i - 1].townshipId !== l.townshipId) rows.push({ kind: 'group', cells: [l.township] });
    rows.push({
      kind: 'data',
      cells: [
        String(++n),
        l.number,
        String(l.stage),
        l.person_name,
        l.household_id === null ? '流动人口' : (l.village ?? ''),
        KIND_ZH[l.kind],
        reasonZh(l.reason),
        l.track === 'ordinary' ? BAND_ZH[l.band] : TRACK_ZH[l.track],
        yuan(l.amount_fen),
        decidedBy(l.id),
        l.paid_on,
        PAID_FROM_ZH[l.paid_from],
      ],
    });
    townFen += l.amount_fen;
    townN++;
    total += l.amount_fen;
    const f = byFrom.get(l.paid_from) ?? { n: 0, fen: 0 };
    f.n++;
    f.fen += l.amount_fen;
    byFrom.set(l.paid_from, f);
    if (i === lines.length - 1 || lines[i + 1].townshipId !== l.townshipId) {
      rows.push({ kind: 'subtotal', cells: [`${l.township} 小计 ${townN} 笔`, '', '', '', '', '', '', '', yuan(townFen), '', '', ''] });
      townFen = 0;
      townN = 0;
    }
  });
  rows.push({ kind: 'total', cells: [`总计 ${lines.length} 笔`, '', '', '', '', '', '', '', yuan(total), '', '', ''] });
  const fromCols: Column[] = [
    { label: '支付来源', widthMm: 80 },
    { label: '笔数', widthMm: 40, align: 'right' },
    { label: '金额（元）', widthMm: 70, align: 'right' },
  ];
  const fromRows: Row[] = (['standby_fund', 'county'] as const).map((k) => ({
    kind: 'data' as const,
    cells: [PAID_FROM_ZH[k], String(byFrom.get(k)?.n ?? 0), yuan(byFrom.get(k)?.fen ?? 0)],
  }));
  const townName = opts.townshipId !== undefined ? (lines[0]?.township ?? '') : '';
  const spec: DocSpec = {
    office: office.name,
    title: `${office.county}临时救助台账`,
    subtitle: `发放月份：${monthZh(month)}${townName ? `${GAP}${townName}` : ''}`,
    orientation: 'portrait',
    rowHeightMm: 5.5,
    fontPt: 7.5,
    blocks: [
      { columns: cols, rows },
      { caption: '按支付来源汇总', columns: fromCols, rows: fromRows },
    ],
    notes: [`本月临时救助发放 ${lines.length} 笔，合计 ${yuan(total)} 元。乡镇决定的临时救助已报县级备案。`],
    printedOn: todayIso(opts.now),
  };
  const sheet: Sheet = {
    name: '临时救助台账',
    columns: [
      { header: '序号', width: 7 },
      { header: '乡镇（街道）', width: 12 },
      { header: '村（社区）', width: 14 },
      { header: '救助编号', width: 16 },
      { header: '阶段', width: 6 },
      { header: '姓名', width: 10 },
      { header: '类型', width: 8 },
      { header: '事由', width: 12 },
      { header: '权限', width: 10 },
      { header: '金额（元）', width: 12, money: true },
      { header: '决定人', width: 24 },
      { header: '发放日期', width: 11 },
      { header: '支付来源', width: 12 },
    ],
    rows: lines.map((l, i) => [
      i + 1,
      l.township,
      l.household_id === null ? '流动人口' : (l.village ?? ''),
      l.number,
      l.stage,
      l.person_name,
      KIND_ZH[l.kind],
      reasonZh(l.reason),
      l.track === 'ordinary' ? BAND_ZH[l.band] : TRACK_ZH[l.track],
      l.amount_fen / 100,
      decidedBy(l.id),
      l.paid_on,
      PAID_FROM_ZH[l.paid_from],
    ]),
  };
  return { spec, sheets: [sheet], fileBase: `临时救助台账-${month}${townName ? `-${townName}` : ''}` };
}

/** Cases decided in the month (approved, above 1 × S), masked as §8 requires. */
export function temporaryPublicityForm(raw: BetterSqlite3.Database, month: string, opts: { townshipId?: number; now: Date }): FormOutput {
  const office = officeOf(raw);
  const { from, to } = monthRange(month);
  let q = qb
    .selectFrom('temporary_cases as c')
    .innerJoin('areas as t', 't.id', 'c.township_id')
    .leftJoin('areas as v', 'v.id', 'c.area_id')
    .selectAll('c')
    .select((eb) => [
      't.name as township',
      'v.name as village',
      eb
        .selectFrom('members as m')
        .select((m) => m.fn.countAll<number>().as('n'))
        .whereRef('m.household_id', '=', 'c.household_id')
        .where('m.active', '=', 1)
        .where('m.status', '=', 'present')
        .as('size'),
    ])
    .where('c.band', '!=', 'quick')
    .where('c.track', '!=', 'quick');
  if (opts.townshipId !== undefined) q = q.where('c.township_id', '=', opts.townshipId);
  const cases = all(raw, q.orderBy('t.name').orderBy('c.number'));
  const ids = cases.map((c) => c.id);
  const decisions = decisionsOf(raw, ids);
  const payments = paymentsOf(raw, ids);
  const decided = cases
    .map((c) => ({ c, st: stateOf(c, decisions.get(c.id) ?? [], payments.get(c.id) ?? []) }))
    .filter(
      ({ st }) =>
        (st.status === 'approved' || st.status === 'paid') &&
        st.decidedOn !== null &&
        st.decidedOn.slice(0, 10) >= from &&
        st.decidedOn.slice(0, 10) <= to,
    );
  const cols: Column[] = [
    { label: '序号', widthMm: 12, align: 'center' },
    { label: '乡镇（街道）', widthMm: 26 },
    { label: '村（社区）', widthMm: 28 },
    { label: '姓名', widthMm: 20 },
    { label: '家庭人数', widthMm: 16, align: 'right' },
    { label: '类别', widthMm: 22 },
    { label: '救助类型及事由', widthMm: 34 },
    { label: '救助金额（元）', widthMm: 32, align: 'right' },
  ];
  let total = 0;
  const rows: Row[] = decided.map(({ c, st }, i) => {
    total += st.approvedFen ?? 0;
    return {
      kind: 'data' as const,
      cells: [
        String(i + 1),
        c.township,
        c.household_id === null ? '流动人口' : (c.village ?? ''),
        maskName(c.person_name),
        c.household_id === null ? '—' : String(c.size ?? ''),
        c.tier ? (TIER_ZH[c.tier] ?? c.tier) : '—',
        `${KIND_ZH[c.kind]}·${reasonZh(c.reason)}`,
        yuan(st.approvedFen ?? 0),
      ],
    };
  });
  rows.push({ kind: 'total', cells: [`合计 ${decided.length} 人（户）`, '', '', '', '', '', '', yuan(total)] });
  const spec: DocSpec = {
    office: office.name,
    title: `${office.county}临时救助对象公示名单`,
    subtitle: `${monthZh(month)}${GAP}公示期 7 天`,
    orientation: 'portrait',
    rowHeightMm: 5.5,
    fontPt: 8,
    blocks: [{ columns: cols, rows }],
    notes: [
      '对公示内容有异议的，请于公示期内向乡镇（街道）或县民政局反映。公示名单不含身份证号码、银行账号、联系电话、详细住址及病残情况。',
      '1 倍低保标准以内的小额快救不予公示。',
    ],
    printedOn: todayIso(opts.now),
  };
  const sheet: Sheet = {
    name: '临时救助公示',
    columns: [
      { header: '序号', width: 7 },
      { header: '乡镇（街道）', width: 12 },
      { header: '村（社区）', width: 14 },
      { header: '姓名', width: 10 },
      { header: '家庭人数', width: 8 },
      { header: '类别', width: 12 },
      { header: '救助类型及事由', width: 18 },
      { header: '救助金额（元）', width: 14, money: true },
    ],
    rows: decided.map(({ c, st }, i) => [
      i + 1,
      c.township,
      c.household_id === null ? '流动人口' : (c.village ?? ''),
      maskName(c.person_name),
      c.household_id === null ? null : (c.size ?? null),
      c.tier ? (TIER_ZH[c.tier] ?? c.tier) : '',
      `${KIND_ZH[c.kind]}·${reasonZh(c.reason)}`,
      (st.approvedFen ?? 0) / 100,
    ]),
  };
  return { spec, sheets: [sheet], fileBase: `临时救助公示-${month}` };
}
