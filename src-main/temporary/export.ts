/** The case list as an XLSX sheet (UX.md: every list exports to XLSX), filtered as on the screen. */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { streamedXlsx } from '../shared/xlsx';
import { TIER_ZH } from '../common/labels';
import { listCases, type CaseFilter } from './list';
import { BAND_ZH, KIND_ZH, PAID_FROM_ZH, reasonZh, STATUS_ZH, TRACK_ZH } from './words';

const HEADERS: [string, number, boolean?][] = [
  ['救助编号', 16],
  ['乡镇（街道）', 12],
  ['村（社区）', 14],
  ['姓名', 10],
  ['身份证号码', 21],
  ['流动人口', 8],
  ['类型', 8],
  ['程序', 10],
  ['事由', 12],
  ['事发日期', 11],
  ['申请日期', 11],
  ['认定类别', 12],
  ['审批权限', 10],
  ['拟救助金额（元）', 14, true],
  ['批准金额（元）', 14, true],
  ['已发放（元）', 14, true],
  ['状态', 12],
  ['支付来源', 12],
  ['决定人', 16],
  ['前次同事由', 16],
];

export async function exportCases(raw: BetterSqlite3.Database, f: CaseFilter, mask: (id: string, name: string) => [string, string]) {
  const { items } = listCases(raw, { ...f, page: 1, pageSize: 1_000_000 });
  const data = await streamedXlsx((wb) => {
    const ws = wb.addWorksheet('临时救助', { views: [{ state: 'frozen', ySplit: 1 }] });
    HEADERS.forEach(([, w, money], i) => {
      const col = ws.getColumn(i + 1);
      col.width = w;
      if (money) col.numFmt = '#,##0.00';
    });
    const head = ws.addRow(HEADERS.map(([h]) => h));
    head.font = { bold: true };
    head.commit();
    for (const r of items) {
      const [id, name] = mask(r.idNumber, r.personName);
      ws.addRow([
        r.number,
        r.township,
        r.village ?? '',
        name,
        id,
        r.nonLocal ? '是' : '',
        KIND_ZH[r.kind],
        TRACK_ZH[r.track],
        reasonZh(r.reason),
        r.eventDate,
        r.requestedOn,
        r.tier ? (TIER_ZH[r.tier] ?? r.tier) : '',
        BAND_ZH[r.band],
        r.proposedFen / 100,
        r.approvedFen === null ? null : r.approvedFen / 100,
        r.paidFen / 100,
        STATUS_ZH[r.status],
        PAID_FROM_ZH[r.paidFrom],
        r.decidedBy.join('、'),
        r.earlierCase ?? '',
      ]).commit();
    }
    ws.commit();
  });
  return {
    fileName: `临时救助-${f.from ?? ''}${f.to ? `至${f.to}` : ''}.xlsx`.replace('-.xlsx', '.xlsx'),
    base64: data.toString('base64'),
  };
}
