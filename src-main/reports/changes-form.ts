/** The change list (变动情况表): households added, removed and changed against the previous month, with their reasons. */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { TIER_ZH } from '../common/labels';
import { maskIdNumber } from '../common/id-number';
import { anchorAuditHead } from '../audit/audit';
import { todayIso } from '../common/dates';
import { changeList, type ChangeKind } from '../payments/months';
import { officeOf, yuan, type FormOutput, type Sheet } from './forms';
import { monthZh, type Column, type DocSpec, type Row } from './layout';

const KIND_ZH: Record<ChangeKind, string> = { added: '新增', removed: '减少', changed: '金额变化' };

export function changesForm(raw: BetterSqlite3.Database, month: string, opts: { now: Date }): FormOutput {
  const office = officeOf(raw);
  const { rows: changes, previousMonth } = changeList(raw, month);
  const cols: Column[] = [
    { label: '序号', widthMm: 9, align: 'center' },
    { label: '变动', widthMm: 13 },
    { label: '村（社区）', widthMm: 20 },
    { label: '户主', widthMm: 14 },
    { label: '身份证号码', widthMm: 30 },
    { label: '原类别', widthMm: 14 },
    { label: '现类别', widthMm: 14 },
    { label: '上月（元）', widthMm: 15, align: 'right' },
    { label: '本月（元）', widthMm: 15, align: 'right' },
    { label: '增减（元）', widthMm: 15, align: 'right' },
    { label: '原因', widthMm: 31 },
  ];
  const rows: Row[] = [];
  const sums: Record<ChangeKind, { n: number; fen: number }> = {
    added: { n: 0, fen: 0 },
    removed: { n: 0, fen: 0 },
    changed: { n: 0, fen: 0 },
  };
  let n = 0;
  for (const c of changes) {
    rows.push({
      kind: 'data',
      cells: [
        String(++n),
        KIND_ZH[c.kind],
        c.village,
        c.headName,
        maskIdNumber(c.headIdNumber),
        c.previousTier ? (TIER_ZH[c.previousTier] ?? c.previousTier) : '—',
        c.tier ? (TIER_ZH[c.tier] ?? c.tier) : '—',
        yuan(c.previousFen),
        yuan(c.amountFen),
        yuan(c.differenceFen),
        c.reasons.join('；'),
      ],
    });
    sums[c.kind].n++;
    sums[c.kind].fen += c.differenceFen;
  }
  for (const k of ['added', 'removed', 'changed'] as const)
    rows.push({ kind: 'subtotal', cells: [`${KIND_ZH[k]} ${sums[k].n} 户`, '', '', '', '', '', '', '', '', yuan(sums[k].fen), ''] });
  const net = sums.added.fen + sums.removed.fen + sums.changed.fen;
  rows.push({ kind: 'total', cells: [`合计 ${changes.length} 户`, '', '', '', '', '', '', '', '', yuan(net), ''] });
  const spec: DocSpec = {
    office: office.name,
    title: `${office.county}社会救助对象月度变动情况表`,
    subtitle: `${monthZh(month)}（与${monthZh(previousMonth)}相比）`,
    orientation: 'portrait',
    rowHeightMm: 6,
    wrap: true,
    fontPt: 7.5,
    blocks: [{ columns: cols, rows }],
    printedOn: todayIso(opts.now),
    auditHead: anchorAuditHead(raw, `change list ${month}`, opts.now).short,
  };
  const sheet: Sheet = {
    name: '变动情况',
    columns: [
      { header: '序号', width: 7 },
      { header: '变动', width: 10 },
      { header: '乡镇（街道）', width: 12 },
      { header: '村（社区）', width: 14 },
      { header: '户编号', width: 9 },
      { header: '户主', width: 10 },
      { header: '身份证号码', width: 21 },
      { header: '原类别', width: 12 },
      { header: '现类别', width: 12 },
      { header: '上月（元）', width: 12, money: true },
      { header: '本月（元）', width: 12, money: true },
      { header: '增减（元）', width: 12, money: true },
      { header: '原因', width: 60 },
    ],
    rows: changes.map((c, i) => [
      i + 1,
      KIND_ZH[c.kind],
      c.township,
      c.village,
      c.householdId,
      c.headName,
      c.headIdNumber,
      c.previousTier ? (TIER_ZH[c.previousTier] ?? c.previousTier) : '',
      c.tier ? (TIER_ZH[c.tier] ?? c.tier) : '',
      c.previousFen / 100,
      c.amountFen / 100,
      c.differenceFen / 100,
      c.reasons.join('；'),
    ]),
  };
  return { spec, sheets: [sheet], fileBase: `变动情况表-${month}` };
}
