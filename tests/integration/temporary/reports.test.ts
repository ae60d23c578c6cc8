/**
 * The temporary-assistance ledger (临时救助台账) and publicity list of a month (docs/rules/temporary-service-recovery.md
 * §11.5) through the report pipeline: printed by the system's Chromium, read back with pdftotext; the XLSX export.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../src-main/reports/render';
import { arrayBuffer } from '../../fixtures/feedback';
import { artifacts } from '../../fixtures/paths';
import { NON_LOCAL, office, quick } from './office';

const ART = artifacts('temporary');
fs.mkdirSync(ART, { recursive: true });

async function monthOfCases() {
  const o = await office();
  const q = await o.clerk.value('temporary.create', quick(o, { idNumber: undefined }));
  const nonLocal = { idNumber: NON_LOCAL, name: '陈流动', hukouPlace: '四川省成都市', residence: 'rural' as const, townshipId: o.hexi };
  await o.clerk.value('temporary.create', {
    ...quick(o),
    householdId: null,
    nonLocal,
    track: 'assist_first',
    reason: 'accident',
    requestedFen: 150_000,
  });
  const e = await o.clerk.value('temporary.create', {
    track: 'ordinary',
    kind: 'expenditure',
    reason: 'medical',
    eventDate: '2026-11-02',
    householdId: o.dibaoId,
    spendingFen: 600_000,
  });
  await o.mgr1.value('temporary.decide', { id: e.id, decision: 'approve', reason: '同意' });
  await o.clerk.value('temporary.pay', { id: e.id, paidOn: '2026-11-16', amountFen: 100_000 });
  await o.clerk.value('temporary.pay', { id: e.id, paidOn: '2026-11-16', amountFen: 200_000 });
  return { o, quickNumber: q.number, expenditure: e.number };
}

describe('the temporary-assistance ledger and publicity list', () => {
  it('prints the month’s one-off payments by township, A4, with subtotals, signature block and page numbers', async () => {
    const { o, quickNumber, expenditure } = await monthOfCases();
    const now = new Date('2026-11-16T09:00:00Z');
    const pdf = await renderReport(o.store.raw, { kind: 'temporary_ledger', month: '2026-11', format: 'pdf' }, now);
    const file = path.join(ART, 'ledger-2026-11.pdf');
    fs.writeFileSync(file, pdf.data);
    expect(pdf.fileName).toBe('临时救助台账-2026-11.pdf');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('示范县临时救助台账');
    expect(text).toContain('发放月份：2026年11月');
    for (const w of ['救助编号', '姓名', '类型', '事由', '金额（元）', '决定人', '发放日期', '支付来源']) expect(text).toContain(w);
    expect(text).toMatch(
      new RegExp(
        `${quickNumber}\\s+1\\s+王建国\\s+东街社区\\s+急难型\\s+火灾\\s+小额快救\\s+500\\.00\\s+clerk1（县级）\\s+2026-11-16\\s+乡镇备用金`,
      ),
    );
    expect(text).toMatch(new RegExp(`${expenditure}\\s+2\\s+王建国\\s+东街社区\\s+支出型\\s+医疗\\s+县级\\s+2,000\\.00\\s+mgr1（县级）`));
    expect(text).toMatch(/LS-2026-000002\s+1\s+陈流动\s+流动人口\s+急难型\s+意外事故\s+先行救助\s+1,500\.00/);
    expect(text).toMatch(/城关镇 小计 3 笔\s+3,500\.00/);
    expect(text).toMatch(/河西镇 小计 1 笔\s+1,500\.00/);
    expect(text).toMatch(/总计 4 笔\s+5,000\.00/);
    expect(text).toMatch(/乡镇备用金\s+2\s+2,000\.00/);
    expect(text).toMatch(/县级\s+2\s+3,000\.00/);
    expect(text).toMatch(/制表人：.*审核人：.*负责人：/);
    expect(text).toMatch(/第\s*1\s*页\s*共\s*1\s*页/);
    execFileSync('pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', '1', '-singlefile', file, path.join(ART, 'ledger-2026-11')]);
    // One township's ledger.
    const town = await renderReport(o.store.raw, { kind: 'temporary_ledger', month: '2026-11', townshipId: o.hexi, format: 'html' }, now);
    const html = town.data.toString('utf8');
    expect(html).toContain('陈流动');
    expect(html).not.toContain('王建国');
    // The XLSX of the same ledger.
    const x = await renderReport(o.store.raw, { kind: 'temporary_ledger', month: '2026-11', format: 'xlsx' }, now);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(x.data));
    const ws = wb.worksheets[0];
    expect(ws.getRow(3).values).toEqual(expect.arrayContaining(['救助编号', '支付来源']));
    expect(ws.rowCount).toBe(3 + 4);
  });

  it('the publicity list masks names and leaves out small quick assistance', async () => {
    const { o } = await monthOfCases();
    const now = new Date('2026-11-16T09:00:00Z');
    const pdf = await renderReport(o.store.raw, { kind: 'temporary_publicity', month: '2026-11', format: 'pdf' }, now);
    const file = path.join(ART, 'publicity-2026-11.pdf');
    fs.writeFileSync(file, pdf.data);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('示范县临时救助对象公示名单');
    expect(text).toMatch(/王\*国\s+2\s+低保\s+支出型·医疗\s+3,000\.00/);
    expect(text).toMatch(/陈\*动\s+—\s*—\s+急难型·意外事故\s+1,500\.00/);
    expect(text).toMatch(/合计 2 人（户）\s+4,500\.00/);
    expect(text).not.toContain('王建国');
    expect(text).not.toContain('陈流动');
    expect(text).not.toMatch(/\d{17}[\dX]/);
  });

  it('the case list exports to XLSX as filtered on the screen, masked for the administrator (§8)', async () => {
    const { o, quickNumber, expenditure } = await monthOfCases();
    const rowsOf = async (f: { fileName: string; base64: string }) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(arrayBuffer(Buffer.from(f.base64, 'base64')));
      const ws = wb.getWorksheet('临时救助')!;
      const all: string[][] = [];
      ws.eachRow((r) => all.push((Array.isArray(r.values) ? r.values.slice(1) : []).map((v) => String(v ?? ''))));
      const [header, ...rows] = all;
      return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
    };
    const f = await o.clerk.value('temporary.export', { kind: 'expenditure', from: '2026-11-01', to: '2026-11-30' });
    expect(f.fileName).toBe('临时救助-2026-11-01至2026-11-30.xlsx');
    const one = await rowsOf(f);
    expect(one).toEqual([
      expect.objectContaining({
        救助编号: expenditure,
        姓名: '王建国',
        类型: '支出型',
        事由: '医疗',
        '批准金额（元）': '3000',
        '已发放（元）': '3000',
      }),
    ]);
    expect(one[0]['身份证号码']).toMatch(/^\d{17}[\dX]$/);
    const admin = await rowsOf(await o.admin.value('temporary.export', {}));
    expect(admin.map((r) => r['救助编号']).sort()).toEqual([quickNumber, expenditure, 'LS-2026-000002'].sort());
    expect(admin.map((r) => r['姓名']).sort()).toEqual(['王*国', '王*国', '陈*动']);
    for (const r of admin) expect(r['身份证号码']).toMatch(/\*{8}/);
  });
});
