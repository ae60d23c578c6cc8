/**
 * The warning and verification report (预警与核查情况表, docs/rules/assistance.md §4.2, §6): the
 * warnings raised in a period — rule, severity, person, village, raised and due dates, overdue,
 * the verifications and home visits made (date, number of staff) and the outcome — by township
 * and village with subtotals, then totals by status, outcome, severity and overdue. With a
 * household, the household's verification findings (核对) follow: category, amount, source,
 * date, with totals per category.
 *
 * The form circulates (it is signed and filed, and goes to the township), so persons are masked
 * as on the publicity list (§8): `张*明`, `110105********002X`; no evidence text (it may name
 * an illness) and no close note are printed.
 *
 * The warnings themselves, masked, with their visits and overdue state: ./warning-lines.ts.
 */
import { PROFILES } from '../exchange/profiles';
import { SOURCES, isCode } from '../common/codes';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { maskName } from '../common/id-number';
import { formatFen } from '../common/money';
import { todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { OUTCOME_ZH } from '../common/warning-rules';
import { WARNING_OUTCOMES } from '../common/codes';
import { first, qb } from '../db/query';
import { verificationReport } from '../verification/report';
import { GAP, SPACE, officeOf, type FormOutput, type Sheet } from './forms';
import type { Block, Column, DocSpec, Row } from './layout';

/** A warning's source in words: a department file's name, or the registry's own checks (the XLSX printed the code). */
function sourceLabel(source: string): string {
  if (source === 'registry') return '登记信息核查';
  const p = isCode(SOURCES, source) ? PROFILES[source] : undefined;
  return p ? p.zh : source;
}
import {
  addWarning,
  emptyWarningTotals,
  warningLines,
  type WarningLine,
  type WarningsReportOptions,
  type WarningTotals,
} from './warning-lines';

export type { WarningsReportOptions };

const SEVERITY_ZH: Record<WarningLine['severity'], string> = { urgent: '紧急', normal: '一般' };
const STATUS_ZH: Record<WarningLine['status'], string> = { open: '未办结', closed: '已办结' };
const OVERDUE_ZH: Record<NonNullable<WarningLine['overdue']>, string> = { open_overdue: '逾期未办结', closed_late: '逾期办结' };
const VISIT_ZH: Record<WarningLine['visits'][number]['kind'], string> = { home_visit: '入户', verification: '核查' };

const visitText = (l: WarningLine) =>
  l.visits.length ? l.visits.map((v) => `${v.date} ${VISIT_ZH[v.kind]}（${v.staff}人）`).join('；') : '未核查';
const outcomeText = (l: WarningLine) => (l.outcome ? OUTCOME_ZH[l.outcome] : '');
const sumText = (t: WarningTotals) =>
  `预警 ${t.warnings} 件：紧急 ${t.urgent}，已办结 ${t.closed}，未办结 ${t.open}，逾期 ${t.overdueOpen + t.closedLate}`;

export function warningsForm(raw: BetterSqlite3.Database, o: WarningsReportOptions): FormOutput {
  const office = officeOf(raw);
  let household: { id: number; head: string; township: string; village: string } | null = null;
  if (o.householdId !== undefined) {
    const h = first(
      raw,
      qb
        .selectFrom('households as h')
        .innerJoin('areas as v', 'v.id', 'h.area_id')
        .innerJoin('areas as t', 't.id', 'v.parent_id')
        .select((eb) => [
          'h.id',
          't.name as township',
          'v.name as village',
          eb
            .selectFrom('members as m')
            .select('m.name')
            .whereRef('m.household_id', '=', 'h.id')
            .where('m.relation', '=', 'head')
            .where('m.active', '=', 1)
            .limit(1)
            .as('head'),
        ])
        .where('h.id', '=', o.householdId),
    );
    if (!h) throw appError('not_found', `There is no household #${o.householdId}.`, `没有编号为 ${o.householdId} 的家庭。`, 'householdId');
    household = { id: h.id, head: h.head ?? '', township: h.township, village: h.village };
  }
  const { lines, period } = warningLines(raw, o);
  const cols: Column[] = [
    { label: '序号', widthMm: 9, align: 'center' },
    { label: '村（社区）', widthMm: 20 },
    { label: '姓名', widthMm: 13 },
    { label: '身份证号码', widthMm: 31 },
    { label: '预警事项', widthMm: 34 },
    { label: '等级', widthMm: 9, align: 'center' },
    { label: '预警日期', widthMm: 17 },
    { label: '核查期限', widthMm: 17 },
    { label: '逾期', widthMm: 17, align: 'center' },
    { label: '核查/入户（日期、人数）', widthMm: 53 },
    { label: '状态', widthMm: 13, align: 'center' },
    { label: '办结结果', widthMm: 16 },
    { label: '办结日期', widthMm: 17 },
  ];
  const blank = Array(cols.length - 1).fill('');
  const rows: Row[] = [];
  const grand = emptyWarningTotals();
  let town = emptyWarningTotals(),
    village = emptyWarningTotals();
  lines.forEach((l, i) => {
    const prev = lines[i - 1];
    if (!prev || prev.townshipId !== l.townshipId) rows.push({ kind: 'group', cells: [l.township] });
    rows.push({
      kind: 'data',
      cells: [
        String(i + 1),
        l.village,
        l.personName,
        l.idNumber,
        l.ruleText,
        SEVERITY_ZH[l.severity],
        l.raisedOn,
        l.dueOn,
        l.overdue ? OVERDUE_ZH[l.overdue] : '',
        visitText(l),
        STATUS_ZH[l.status],
        outcomeText(l),
        l.closedOn ?? '',
      ],
    });
    addWarning(village, l);
    addWarning(town, l);
    addWarning(grand, l);
    const next = lines[i + 1];
    if (!next || next.villageId !== l.villageId) {
      rows.push({ kind: 'subtotal', cells: [`${l.village} 小计${SPACE}${sumText(village)}`, ...blank] });
      village = emptyWarningTotals();
    }
    if (!next || next.townshipId !== l.townshipId) {
      rows.push({ kind: 'subtotal', cells: [`${l.township} 合计${SPACE}${sumText(town)}`, ...blank] });
      town = emptyWarningTotals();
    }
  });
  rows.push({ kind: 'total', cells: [`总计${SPACE}${sumText(grand)}`, ...blank] });

  const sumCols: Column[] = [
    { label: '分类', widthMm: 50 },
    { label: '项目', widthMm: 80 },
    { label: '件数', widthMm: 40, align: 'right' },
    { label: '占比', widthMm: 40, align: 'right' },
  ];
  const pct = (n: number) => (grand.warnings ? `${((n * 100) / grand.warnings).toFixed(1)}%` : '—');
  const sumRow = (group: string, item: string, n: number): Row => ({ kind: 'data', cells: [group, item, String(n), pct(n)] });
  const sumRows: Row[] = [
    sumRow('办理状态', '已办结', grand.closed),
    sumRow('办理状态', '未办结', grand.open),
    ...WARNING_OUTCOMES.map((k) => sumRow('办结结果', OUTCOME_ZH[k], grand.byOutcome[k])),
    sumRow('预警等级', '紧急（5个工作日内核查）', grand.urgent),
    sumRow('预警等级', '一般（10个工作日内核查）', grand.normal),
    sumRow('逾期情况', '逾期未办结', grand.overdueOpen),
    sumRow('逾期情况', '逾期办结', grand.closedLate),
    sumRow('逾期情况', '按期', grand.warnings - grand.overdueOpen - grand.closedLate),
    { kind: 'total', cells: ['合计', `核查/入户 ${grand.visits} 次`, String(grand.warnings), grand.warnings ? '100.0%' : '—'] },
  ];
  const blocks: Block[] = [];
  if (household)
    blocks.push({
      columns: [{ label: '家庭基本情况', widthMm: 277 }],
      rows: [
        {
          kind: 'info',
          cells: [`户编号：${household.id}${GAP}户主：${maskName(household.head)}${GAP}${household.township} ${household.village}`],
        },
      ],
    });
  blocks.push(
    { caption: household ? '预警及核查情况' : undefined, columns: cols, rows },
    { caption: '按状态、结果、等级和逾期汇总', columns: sumCols, rows: sumRows },
  );

  const sheets: Sheet[] = [
    {
      name: '预警核查',
      columns: [
        { header: '序号', width: 7 },
        { header: '预警编号', width: 9 },
        { header: '乡镇（街道）', width: 12 },
        { header: '村（社区）', width: 14 },
        { header: '户编号', width: 9 },
        { header: '姓名', width: 10 },
        { header: '身份证号码', width: 21 },
        { header: '预警事项', width: 22 },
        { header: '等级', width: 7 },
        { header: '数据来源', width: 16 },
        { header: '预警日期', width: 12 },
        { header: '核查期限', width: 12 },
        { header: '逾期', width: 11 },
        { header: '核查次数', width: 9 },
        { header: '核查/入户（日期、人数）', width: 40 },
        { header: '状态', width: 9 },
        { header: '办结结果', width: 11 },
        { header: '办结日期', width: 12 },
      ],
      rows: lines.map((l, i) => [
        i + 1,
        l.id,
        l.township,
        l.village,
        l.householdId,
        l.personName,
        l.idNumber,
        l.ruleText,
        SEVERITY_ZH[l.severity],
        sourceLabel(l.source),
        l.raisedOn,
        l.dueOn,
        l.overdue ? OVERDUE_ZH[l.overdue] : '',
        l.visits.length,
        visitText(l),
        STATUS_ZH[l.status],
        outcomeText(l),
        l.closedOn ?? '',
      ]),
    },
    {
      name: '汇总',
      columns: [
        { header: '分类', width: 14 },
        { header: '项目', width: 28 },
        { header: '件数', width: 10 },
      ],
      rows: sumRows.map((r) => [r.cells[0], r.cells[1], Number(r.cells[2])]),
    },
  ];
  const spec: DocSpec = {
    office: office.name,
    title: `${office.county}社会救助预警与核查情况表`,
    subtitle: `统计期间：${period.label}${household ? `${GAP}户编号：${household.id}` : ''}`,
    orientation: 'landscape',
    rowHeightMm: 6,
    wrap: true,
    fontPt: 7.5,
    blocks,
    printedOn: todayIso(o.now),
    notes: [
      `本期预警 ${grand.warnings} 件，已办结 ${grand.closed} 件，未办结 ${grand.open} 件，逾期 ${grand.overdueOpen + grand.closedLate} 件。姓名、身份证号码按规定遮蔽显示；核查期限按办公日历的工作日计算。`,
    ],
  };

  if (household) {
    const ver = verificationReport(raw, household.id, true);
    const vcols: Column[] = [
      { label: '核对类别', widthMm: 30 },
      { label: '成员', widthMm: 18 },
      { label: '身份证号码', widthMm: 34 },
      { label: '金额（元）', widthMm: 28, align: 'right' },
      { label: '数据来源', widthMm: 48 },
      { label: '发生日期', widthMm: 22 },
      { label: '文件日期', widthMm: 22 },
      { label: '说明', widthMm: 75 },
    ];
    const vrows: Row[] = ver.findings.map((f) => ({
      kind: 'data',
      cells: [
        f.categoryText,
        f.name ? maskName(f.name) : '',
        f.idNumber,
        f.amountFen !== null && f.amountFen !== undefined ? formatFen(f.amountFen) : '',
        f.sourceText,
        f.date ?? '',
        f.fileDate ?? '',
        f.refused ? '未签署授权书，未核对' : f.nameDiffers ? '文件姓名与登记不符' : '',
      ],
    }));
    for (const c of ver.categories)
      vrows.push({ kind: 'subtotal', cells: [`${c.categoryText} 小计 ${c.count} 条`, '', '', formatFen(c.amountFen), '', '', '', ''] });
    const counted = ver.categories.reduce((s, c) => s + c.count, 0);
    vrows.push({
      kind: 'total',
      cells: [`合计 ${counted} 条`, '', '', formatFen(ver.categories.reduce((s, c) => s + c.amountFen, 0)), '', '', '', ''],
    });
    spec.blocks.push({ caption: '家庭经济状况核对情况', columns: vcols, rows: vrows });
    sheets.push({
      name: '核对情况',
      columns: [
        { header: '核对类别', width: 12 },
        { header: '成员', width: 10 },
        { header: '身份证号码', width: 21 },
        { header: '金额（元）', width: 12, money: true },
        { header: '数据来源', width: 20 },
        { header: '发生日期', width: 12 },
        { header: '文件日期', width: 12 },
        { header: '说明', width: 24 },
      ],
      rows: ver.findings.map((f) => [
        f.categoryText,
        f.name ? maskName(f.name) : '',
        f.idNumber,
        f.amountFen !== null && f.amountFen !== undefined ? f.amountFen / 100 : null,
        f.sourceText,
        f.date ?? '',
        f.fileDate ?? '',
        f.refused ? '未签署授权书，未核对' : f.nameDiffers ? '文件姓名与登记不符' : '',
      ]),
    });
  }
  sheets[0].rows.push([
    '总计',
    '',
    '',
    '',
    '',
    '',
    '',
    `${grand.warnings} 件`,
    `紧急 ${grand.urgent}`,
    '',
    '',
    '',
    `逾期 ${grand.overdueOpen + grand.closedLate}`,
    grand.visits,
    '',
    `已办结 ${grand.closed}`,
    '',
    '',
  ]);
  return { spec, sheets, fileBase: `预警核查情况表-${period.key}${household ? `-${household.id}` : ''}` };
}
