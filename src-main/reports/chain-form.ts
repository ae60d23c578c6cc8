/**
 * The household's assistance chain (一户一救助链, docs/rules/assistance.md §7) as a printed form,
 * oldest first, with its happiness list (幸福清单).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { TIER_ZH } from '../common/labels';
import { listChain } from '../chain/events';
import { maskIdNumber } from '../common/id-number';
import { todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { all, first, qb } from '../db/query';
import { happinessList, type HappinessItem } from '../referrals/happiness';
import { chainItemLabel, chainKindLabel, chainStatusLabel, departmentLabel } from '../common/chain-labels';
import { GAP, officeOf, yuan, type FormOutput, type Sheet } from './forms';
import type { Column, DocSpec, Row } from './layout';

const HAPPY_ZH: Record<HappinessItem['status'], string> = { received: '已享受', pending: '待落实', declined: '未享受' };

export function chainForm(raw: BetterSqlite3.Database, householdId: number, opts: { now: Date }): FormOutput {
  const office = officeOf(raw);
  const h = first(
    raw,
    qb
      .selectFrom('households as h')
      .innerJoin('areas as v', 'v.id', 'h.area_id')
      .innerJoin('areas as t', 't.id', 'v.parent_id')
      .select(['h.current_tier', 'h.current_benefit_fen', 't.name as township', 'v.name as village'])
      .where('h.id', '=', householdId),
  );
  if (!h) throw appError('not_found', `There is no household #${householdId}.`, `没有编号为 ${householdId} 的家庭。`, 'householdId');
  const members = all(
    raw,
    qb
      .selectFrom('members')
      .select(['name', 'id_number', 'relation', 'status'])
      .where('household_id', '=', householdId)
      .where('active', '=', 1)
      .orderBy('position'),
  );
  const head = members.find((m) => m.relation === 'head') ?? members[0];
  const events = listChain(raw, { householdId, limit: 100000 }).reverse();
  const names = new Map(members.map((m) => [m.id_number, m.name]));
  const info: Row[] = [
    {
      kind: 'info',
      cells: [
        `户编号：${householdId}${GAP}户主：${head?.name ?? ''}（${maskIdNumber(head?.id_number ?? '')}）${GAP}${h.township} ${h.village}${GAP}` +
          `在册人数：${members.filter((m) => m.status === 'present').length}`,
      ],
    },
    {
      kind: 'info',
      cells: [
        `当前类别：${TIER_ZH[h.current_tier ?? 'none'] ?? h.current_tier}${GAP}月救助金：${yuan(h.current_benefit_fen)} 元${GAP}` +
          `成员：${members.map((m) => m.name).join('、')}`,
      ],
    },
  ];
  const cols: Column[] = [
    { label: '日期', widthMm: 19 },
    { label: '事项', widthMm: 15 },
    { label: '对象', widthMm: 14 },
    { label: '部门', widthMm: 22 },
    { label: '依据', widthMm: 30 },
    { label: '金额（元）/物品', widthMm: 22, align: 'right' },
    { label: '状态', widthMm: 14 },
    { label: '摘要', widthMm: 54 },
  ];
  // Every code through the screen's words (common/chain-labels.ts); an amount column holds an amount or an item's word.
  const person = (id: string | null) => (id ? (names.get(id) ?? maskIdNumber(id)) : '全户');
  const rows: Row[] = events.map((e) => ({
    kind: 'data',
    cells: [
      e.at.slice(0, 10),
      chainKindLabel(e.kind, 'zh'),
      person(e.idNumber),
      departmentLabel(e.department, 'zh'),
      e.basis ?? '',
      e.amountFen !== null ? yuan(e.amountFen) : chainItemLabel(e.item, 'zh'),
      chainStatusLabel(e.status, 'zh'),
      e.summary,
    ],
  }));
  const happy = happinessList(raw, householdId, opts.now);
  const hcols: Column[] = [
    { label: '救助事项', widthMm: 44 },
    { label: '对象', widthMm: 16 },
    { label: '状态', widthMm: 16 },
    { label: '转介编号', widthMm: 30 },
    { label: '金额（元）/物品', widthMm: 28, align: 'right' },
    { label: '日期', widthMm: 20 },
    { label: '说明', widthMm: 36 },
  ];
  const hrows: Row[] = happy.items.map((it) => ({
    kind: 'data',
    cells: [
      it.label,
      it.personName ?? '全户',
      HAPPY_ZH[it.status],
      it.referralNumber ?? '',
      it.amountFen !== null ? yuan(it.amountFen) : chainItemLabel(it.item, 'zh'),
      it.date ?? '',
      it.note ?? '',
    ],
  }));
  const spec: DocSpec = {
    office: office.name,
    title: `${office.county}一户一救助链`,
    subtitle: `户主：${head?.name ?? ''}${GAP}${h.township} ${h.village}`,
    orientation: 'portrait',
    rowHeightMm: 6,
    wrap: true,
    fontPt: 7.5,
    blocks: [
      { columns: [{ label: '家庭基本情况', widthMm: 190 }], rows: info },
      { caption: '救助链（按时间顺序）', columns: cols, rows },
      { caption: '幸福清单', columns: hcols, rows: hrows },
    ],
    printedOn: todayIso(opts.now),
  };
  const sheets: Sheet[] = [
    {
      name: '救助链',
      columns: [
        { header: '日期', width: 20 },
        { header: '事项', width: 10 },
        { header: '对象', width: 10 },
        { header: '身份证号码', width: 21 },
        { header: '部门', width: 16 },
        { header: '依据', width: 30 },
        { header: '金额（元）', width: 12, money: true },
        { header: '物品', width: 12 },
        { header: '状态', width: 10 },
        { header: '摘要', width: 60 },
      ],
      rows: events.map((e) => [
        e.at,
        chainKindLabel(e.kind, 'zh'),
        person(e.idNumber),
        e.idNumber ?? '',
        departmentLabel(e.department, 'zh'),
        e.basis ?? '',
        e.amountFen !== null ? e.amountFen / 100 : null,
        chainItemLabel(e.item, 'zh'),
        chainStatusLabel(e.status, 'zh'),
        e.summary,
      ]),
    },
    {
      name: '幸福清单',
      columns: [
        { header: '救助事项', width: 30 },
        { header: '对象', width: 10 },
        { header: '状态', width: 10 },
        { header: '转介编号', width: 18 },
        { header: '金额（元）', width: 12, money: true },
        { header: '物品', width: 14 },
        { header: '日期', width: 12 },
        { header: '说明', width: 40 },
      ],
      rows: happy.items.map((it) => [
        it.label,
        it.personName ?? '全户',
        HAPPY_ZH[it.status],
        it.referralNumber ?? '',
        it.amountFen !== null ? it.amountFen / 100 : null,
        chainItemLabel(it.item, 'zh'),
        it.date ?? '',
        it.note ?? '',
      ]),
    },
  ];
  return { spec, sheets, fileBase: `救助链-${householdId}` };
}
