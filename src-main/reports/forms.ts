/**
 * The printed forms (UX.md "Printed forms"): the monthly roster by township/village and tier,
 * the change list against the previous month, the publicity list (§8 masking) and the
 * household assistance-chain report with its happiness list. Each builds a DocSpec for
 * layout.ts and the rows of its XLSX export.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { TIER_ZH } from '../common/labels';
import { listChain } from '../chain/events';
import { maskIdNumber, maskName } from '../common/id-number';
import { formatFen } from '../common/money';
import { todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { addLine, emptyTotals, rosterLines, type RosterLine, type Totals } from '../payments/roster';
import { changeList } from '../payments/months';
import { happinessList } from '../referrals/happiness';
import { ASSISTANCE_ZH, DEPARTMENT_ZH, RESULT_ZH, STATUS_ZH } from '../referrals/codes';
import { monthZh, type Column, type DocSpec, type Row } from './layout';

export interface Office {
  name: string;
  county: string;
}
export function officeOf(raw: BetterSqlite3.Database): Office {
  const o = raw.prepare(`SELECT name, county FROM office WHERE id = 1`).get() as Office | undefined;
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

const yuan = (fen: number) => formatFen(fen);
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
    subtitle: `发放月份：${monthZh(month)}　　${closed ? '已结账' : '未结账（预览）'}`,
    orientation: 'portrait',
    rowHeightMm: 5.2,
    fontPt: 7.5,
    blocks: [
      { columns: cols, rows },
      { caption: '按类别汇总', columns: tierCols, rows: tierRows },
    ],
    notes: [`本月发放 ${grand.recipients} 户 ${grand.persons} 人，合计 ${yuan(grand.amountFen)} 元。身份证号码按规定遮蔽显示。`],
    printedOn: todayIso(opts.now),
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
    subtitle: `公示月份：${monthZh(month)}　　公示期 7 天`,
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

const KIND_ZH: Record<string, string> = { added: '新增', removed: '减少', changed: '金额变化' };

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
  const sums: Record<string, { n: number; fen: number }> = {
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
    rowHeightMm: 8,
    lines: 2,
    fontPt: 7.5,
    blocks: [{ columns: cols, rows }],
    printedOn: todayIso(opts.now),
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

const CHAIN_KIND_ZH: Record<string, string> = {
  determination: '认定',
  tier_change: '档次变更',
  review: '复核',
  warning: '预警',
  visit: '入户调查',
  referral: '需求转介',
  department_result: '部门反馈',
  payment: '发放',
  entitlement: '救助事项',
};
const EVENT_STATUS_ZH: Record<string, string> = {
  proposed: '申报',
  approved: '批准',
  rejected: '不予批准',
  in_force: '执行',
  paid: '已发放',
  adjustment: '调整',
};
const HAPPY_ZH: Record<string, string> = { received: '已享受', pending: '待落实', declined: '未享受' };

export function chainForm(raw: BetterSqlite3.Database, householdId: number, opts: { now: Date }): FormOutput {
  const office = officeOf(raw);
  const h = raw
    .prepare(
      `SELECT h.*, t.name AS township, v.name AS village FROM households h JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id WHERE h.id = ?`,
    )
    .get(householdId) as any;
  if (!h) throw appError('not_found', `There is no household #${householdId}.`, `没有编号为 ${householdId} 的家庭。`, 'householdId');
  const members = raw
    .prepare(`SELECT name, id_number, relation, status FROM members WHERE household_id = ? AND active = 1 ORDER BY position`)
    .all(householdId) as any[];
  const head = members.find((m) => m.relation === 'head') ?? members[0];
  const events = listChain(raw, { householdId, limit: 100000 }).reverse();
  const names = new Map(members.map((m) => [m.id_number, m.name]));
  const info: Row[] = [
    {
      kind: 'info',
      cells: [
        `户编号：${householdId}　　户主：${head?.name ?? ''}（${maskIdNumber(head?.id_number ?? '')}）　　${h.township} ${h.village}　　在册人数：${members.filter((m) => m.status === 'present').length}`,
      ],
    },
    {
      kind: 'info',
      cells: [
        `当前类别：${TIER_ZH[h.current_tier ?? 'none'] ?? h.current_tier}　　月救助金：${yuan(h.current_benefit_fen)} 元　　成员：${members.map((m) => m.name).join('、')}`,
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
  const rows: Row[] = events.map((e) => ({
    kind: 'data',
    cells: [
      e.at.slice(0, 10),
      CHAIN_KIND_ZH[e.kind] ?? e.kind,
      e.idNumber ? (names.get(e.idNumber) ?? maskIdNumber(e.idNumber)) : '全户',
      e.department ? (DEPARTMENT_ZH[e.department] ?? e.department) : '',
      e.basis ?? '',
      e.amountFen !== null ? yuan(e.amountFen) : e.item ? (ASSISTANCE_ZH[e.item] ?? TIER_ZH[e.item] ?? e.item) : '',
      e.status ? (EVENT_STATUS_ZH[e.status] ?? STATUS_ZH[e.status] ?? RESULT_ZH[e.status] ?? e.status) : '',
      e.summary,
    ],
  }));
  const happy = happinessList(raw, householdId);
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
      it.amountFen !== null ? yuan(it.amountFen) : (it.item ?? ''),
      it.date ?? '',
      it.note ?? '',
    ],
  }));
  const spec: DocSpec = {
    office: office.name,
    title: `${office.county}一户一救助链`,
    subtitle: `户主：${head?.name ?? ''}　　${h.township} ${h.village}`,
    orientation: 'portrait',
    rowHeightMm: 8.5,
    lines: 2,
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
        CHAIN_KIND_ZH[e.kind] ?? e.kind,
        e.idNumber ?? '',
        e.department ? (DEPARTMENT_ZH[e.department] ?? e.department) : '',
        e.basis ?? '',
        e.amountFen !== null ? e.amountFen / 100 : null,
        e.item ?? '',
        e.status ?? '',
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
        it.item ?? '',
        it.date ?? '',
        it.note ?? '',
      ]),
    },
  ];
  return { spec, sheets, fileBase: `救助链-${householdId}` };
}

export type { RosterLine };
