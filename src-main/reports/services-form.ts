/**
 * Service assistance's printed forms (docs/rules/temporary-service-recovery.md §12.4): the
 * monthly provider report — planned against delivered per provider and service, cost against the
 * contract's budget, the quarter's average satisfaction — and a provider's service ledger of a
 * month, every accepted record priced, with subtotals per service.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { maskIdNumber } from '../common/id-number';
import { first, qb } from '../db/query';
import { PROVIDER_KIND_ZH } from '../services/labels';
import { ledgerRows, providerReport } from '../services/report';
import { GAP, officeOf, yuan, type FormOutput, type Sheet } from './forms';
import { monthZh, type Column, type DocSpec, type Row } from './layout';

const percent = (part: number, whole: number | null) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '—');
const score = (s: number | null, n: number) => (s === null ? '—' : `${s.toFixed(2)}（${n} 人）`);

export function servicesReportForm(raw: BetterSqlite3.Database, month: string, opts: { now: Date }): FormOutput {
  const office = officeOf(raw);
  const r = providerReport(raw, month);
  const cols: Column[] = [
    { label: '序号', widthMm: 10, align: 'center' },
    { label: '服务项目', widthMm: 34 },
    { label: '单位', widthMm: 12, align: 'center' },
    { label: '计划人数', widthMm: 18, align: 'right' },
    { label: '计划数量', widthMm: 20, align: 'right' },
    { label: '实际数量', widthMm: 20, align: 'right' },
    { label: '完成率', widthMm: 18, align: 'right' },
    { label: '服务金额（元）', widthMm: 28, align: 'right' },
    { label: '说明', widthMm: 30 },
  ];
  const rows: Row[] = [];
  let n = 0;
  for (const p of r.providers) {
    rows.push({
      kind: 'group',
      cells: [`${p.name}（${PROVIDER_KIND_ZH[p.kind]}）${p.contractNumber ? `${GAP}合同 ${p.contractNumber}` : `${GAP}无本年度合同`}`],
    });
    for (const s of p.services) {
      const over = s.delivered > s.planned ? '超过计划' : s.delivered < s.planned ? '未达计划' : '';
      rows.push({
        kind: 'data',
        cells: [
          String(++n),
          s.nameZh,
          s.unitZh,
          String(s.persons),
          String(s.planned),
          String(s.delivered),
          percent(s.delivered, s.planned),
          yuan(s.costFen),
          over,
        ],
      });
    }
    const planned = p.services.reduce((a, s) => a + s.planned, 0);
    const delivered = p.services.reduce((a, s) => a + s.delivered, 0);
    rows.push({
      kind: 'subtotal',
      cells: [
        `${p.name} 小计`,
        '',
        '',
        String(p.plannedPersons),
        String(planned),
        String(delivered),
        percent(delivered, planned),
        yuan(p.costFen),
        '',
      ],
    });
  }
  rows.push({
    kind: 'total',
    cells: [
      '合计',
      '',
      '',
      '',
      String(r.totals.planned),
      String(r.totals.delivered),
      percent(r.totals.delivered, r.totals.planned),
      yuan(r.totals.costFen),
      '',
    ],
  });
  const sumCols: Column[] = [
    { label: '服务机构', widthMm: 40 },
    { label: '年度预算（元）', widthMm: 26, align: 'right' },
    { label: '本月支出（元）', widthMm: 24, align: 'right' },
    { label: '年度累计（元）', widthMm: 26, align: 'right' },
    { label: '预算执行率', widthMm: 20, align: 'right' },
    { label: '达到计划', widthMm: 20, align: 'right' },
    { label: `${r.quarter.replace('-Q', '年第')}季度满意度`, widthMm: 34, align: 'right' },
  ];
  const sumRows: Row[] = r.providers.map((p) => ({
    kind: 'data',
    cells: [
      p.name,
      p.budgetFen === null ? '—' : yuan(p.budgetFen),
      yuan(p.costFen),
      yuan(p.yearCostFen),
      percent(p.yearCostFen, p.budgetFen),
      `${p.personsReceived}/${p.plannedPersons} 人`,
      score(p.satisfaction, p.rated),
    ],
  }));
  sumRows.push({
    kind: 'total',
    cells: [
      '合计',
      yuan(r.totals.budgetFen),
      yuan(r.totals.costFen),
      yuan(r.totals.yearCostFen),
      percent(r.totals.yearCostFen, r.totals.budgetFen),
      '',
      '',
    ],
  });
  const spec: DocSpec = {
    office: office.name,
    title: `${office.county}服务类社会救助服务机构月度报告`,
    subtitle: `报告月份：${monthZh(month)}`,
    orientation: 'portrait',
    rowHeightMm: 6,
    fontPt: 8,
    blocks: [
      { caption: '一、计划与实际服务（按服务机构、服务项目）', columns: cols, rows },
      { caption: '二、经费与满意度', columns: sumCols, rows: sumRows },
    ],
    notes: [
      `本月计划 ${r.totals.planned}，实际服务 ${r.totals.delivered}，服务金额 ${yuan(r.totals.costFen)} 元；年度累计 ${yuan(r.totals.yearCostFen)} 元，合同预算 ${yuan(r.totals.budgetFen)} 元。`,
      '实际数量只计已接受的服务记录（无计划、超过计划 1.5 倍、重复记录编号、非计划服务机构的记录不予计入）。',
    ],
    printedOn: todayIso(opts.now),
  };
  const sheet: Sheet = {
    name: '服务机构月度报告',
    columns: [
      { header: '服务机构', width: 22 },
      { header: '类型', width: 12 },
      { header: '合同编号', width: 14 },
      { header: '服务项目', width: 14 },
      { header: '单位', width: 6 },
      { header: '计划人数', width: 9 },
      { header: '计划数量', width: 9 },
      { header: '实际数量', width: 9 },
      { header: '服务金额（元）', width: 14, money: true },
      { header: '年度预算（元）', width: 14, money: true },
      { header: '年度累计（元）', width: 14, money: true },
      { header: '满意度', width: 8 },
    ],
    rows: r.providers.flatMap((p) =>
      p.services.map((s) => [
        p.name,
        PROVIDER_KIND_ZH[p.kind],
        p.contractNumber,
        s.nameZh,
        s.unitZh,
        s.persons,
        s.planned,
        s.delivered,
        s.costFen / 100,
        p.budgetFen === null ? null : p.budgetFen / 100,
        p.yearCostFen / 100,
        p.satisfaction === null ? null : Number(p.satisfaction.toFixed(2)),
      ]),
    ),
  };
  return { spec, sheets: [sheet], fileBase: `服务机构月度报告-${month}` };
}

export function servicesLedgerForm(
  raw: BetterSqlite3.Database,
  month: string,
  providerId: number | undefined,
  opts: { now: Date },
): FormOutput {
  if (providerId === undefined) throw appError('invalid_input', 'Choose the provider.', '请选择服务机构。', 'providerId');
  const p = first(raw, qb.selectFrom('service_providers').select(['name', 'kind', 'code']).where('id', '=', providerId));
  if (!p) throw appError('not_found', `There is no provider #${providerId}.`, `没有编号为 ${providerId} 的服务机构。`, 'providerId');
  const office = officeOf(raw);
  const lines = ledgerRows(raw, { providerId, month });
  const cols: Column[] = [
    { label: '序号', widthMm: 9, align: 'center' },
    { label: '服务日期', widthMm: 18 },
    { label: '村（社区）', widthMm: 20 },
    { label: '姓名', widthMm: 14 },
    { label: '身份证号码', widthMm: 30 },
    { label: '服务项目', widthMm: 18 },
    { label: '数量', widthMm: 10, align: 'right' },
    { label: '单位', widthMm: 9, align: 'center' },
    { label: '单价', widthMm: 14, align: 'right' },
    { label: '金额（元）', widthMm: 16, align: 'right' },
    { label: '服务人员', widthMm: 16 },
    { label: '记录编号', widthMm: 16 },
  ];
  const rows: Row[] = [];
  let total = 0,
    sub = 0,
    subQ = 0;
  lines.forEach((l, i) => {
    rows.push({
      kind: 'data',
      cells: [
        String(i + 1),
        l.serviceDate,
        l.village,
        l.personName,
        maskIdNumber(l.idNumber),
        l.nameZh,
        String(l.quantity),
        l.unitZh,
        yuan(l.unitPriceFen),
        yuan(l.costFen),
        l.staff ?? '',
        l.recordKey,
      ],
    });
    sub += l.costFen;
    subQ += l.quantity;
    total += l.costFen;
    if (lines[i + 1]?.serviceCode !== l.serviceCode) {
      rows.push({ kind: 'subtotal', cells: [`${l.nameZh} 小计`, '', '', '', '', '', String(subQ), l.unitZh, '', yuan(sub), '', ''] });
      sub = 0;
      subQ = 0;
    }
  });
  rows.push({ kind: 'total', cells: [`合计 ${lines.length} 条`, '', '', '', '', '', '', '', '', yuan(total), '', ''] });
  const spec: DocSpec = {
    office: office.name,
    title: `${office.county}服务类社会救助服务台账`,
    subtitle: `服务机构：${p.name}（${PROVIDER_KIND_ZH[p.kind]}）${GAP}服务月份：${monthZh(month)}`,
    orientation: 'portrait',
    rowHeightMm: 5.5,
    fontPt: 7.5,
    blocks: [{ columns: cols, rows }],
    notes: [
      `本月已接受服务记录 ${lines.length} 条，服务金额合计 ${yuan(total)} 元（按服务日期当日有效的服务清单单价计算）。身份证号码按规定遮蔽显示。`,
    ],
    printedOn: todayIso(opts.now),
  };
  const sheet: Sheet = {
    name: '服务台账',
    columns: [
      { header: '序号', width: 6 },
      { header: '服务日期', width: 11 },
      { header: '乡镇（街道）', width: 12 },
      { header: '村（社区）', width: 14 },
      { header: '姓名', width: 10 },
      { header: '身份证号码', width: 21 },
      { header: '服务项目', width: 12 },
      { header: '数量', width: 6 },
      { header: '单位', width: 6 },
      { header: '单价（元）', width: 10, money: true },
      { header: '金额（元）', width: 12, money: true },
      { header: '服务人员', width: 10 },
      { header: '记录编号', width: 14 },
      { header: '来源', width: 8 },
    ],
    rows: lines.map((l, i) => [
      i + 1,
      l.serviceDate,
      l.township,
      l.village,
      l.personName,
      maskIdNumber(l.idNumber),
      l.nameZh,
      l.quantity,
      l.unitZh,
      l.unitPriceFen / 100,
      l.costFen / 100,
      l.staff,
      l.recordKey,
      l.source === 'import' ? '导入' : '手工录入',
    ]),
  };
  return { spec, sheets: [sheet], fileBase: `服务台账-${p.code}-${month}` };
}
