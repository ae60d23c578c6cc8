/**
 * `safetynet report services …` and `safetynet report recovery …` on the demo county (its year of
 * service records and its recovery case, demo/services.ts): the monthly provider report as XLSX
 * and the county recovery ledger as PDF, through the existing report command.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../fixtures/builders';
import { arrayBuffer } from '../../fixtures/feedback';
import { runReportCli } from '../../../src-main/cli/report';
import { createDemoDatabase } from '../../../src-main/demo/seed';
import { openStore } from '../../../src-main/db/open';
import { all, qb } from '../../../src-main/db/query';

const NOW = new Date('2026-11-29T08:00:00Z');

describe('the report command', () => {
  it('prints the monthly provider report and the county recovery ledger of the demo county', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'demo.db');
    await createDemoDatabase(db, { households: 300, now: NOW });
    const store = await openStore(db);
    const cases = all(store.raw, qb.selectFrom('recovery_cases').select(['number', 'household_id']));
    // The month's accepted records, summed here by hand: what the report's lines must add up to.
    const month = all(
      store.raw,
      qb
        .selectFrom('service_records')
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.sum<number>('quantity').as('quantity'),
          eb.fn.sum<number>('cost_fen').as('cost'),
        ])
        .where('month', '=', '2026-10'),
    )[0];
    const overpaid = all(
      store.raw,
      qb.selectFrom('recovery_months').select((eb) => eb.fn.sum<number>('overpaid_fen').as('fen')),
    )[0].fen;
    await store.close();
    expect(cases).toHaveLength(1);
    expect(month.n).toBeGreaterThan(0);

    const xlsx = path.join(dir, 'services.xlsx');
    expect(await runReportCli(['services', '--db', db, '--month', '2026-10', '--format', 'xlsx', '--out', xlsx])).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(fs.readFileSync(xlsx)));
    const ws = wb.getWorksheet('服务机构月度报告')!;
    expect(String(ws.getCell('A1').value)).toContain('服务类社会救助服务机构月度报告');
    // Header on row 3, a line per provider and service below it: delivered (H) and cost (I) add up to the month's records.
    expect(ws.getRow(3).getCell(8).value).toBe('实际数量');
    let delivered = 0;
    let costFen = 0;
    for (let r = 4; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      if (typeof row.getCell(8).value !== 'number') continue;
      delivered += Number(row.getCell(8).value);
      costFen += Math.round(Number(row.getCell(9).value) * 100);
    }
    expect(delivered).toBe(month.quantity);
    expect(costFen).toBe(month.cost);

    const pdf = path.join(dir, 'recovery.pdf');
    expect(await runReportCli(['recovery', '--db', db, '--format', 'pdf', '--out', pdf])).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    expect(text).toContain('多发社会救助资金追缴台账');
    expect(text).toContain(cases[0].number);
    expect(text).toMatch(/总计\s*1\s*件/);
    expect(text).toContain((overpaid / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }));

    // A ledger needs its provider, a notice its case: said, with exit code 2.
    expect(await runReportCli(['services_ledger', '--db', db, '--month', '2026-10', '--format', 'xlsx', '--out', xlsx])).toBe(2);
    expect(await runReportCli(['recovery_notice', '--db', db, '--format', 'pdf', '--out', pdf])).toBe(2);
  }, 180_000);
});
