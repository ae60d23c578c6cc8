/**
 * The printed forms of applications (src-main/reports/cases-forms.ts) from the command line and the service: the monthly
 * case-progress report per township, the spot-check list with its seed, and the masked publicity list of pending decisions.
 * PDFs are printed by the system's Chromium and read back with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../fixtures/paths';
import { office, toPublicity } from './helpers';

const cli = (args: string[]) => execFileSync('node', [path.join(ROOT, 'bin/safetynet.mjs'), ...args], { encoding: 'utf8', cwd: ROOT });
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('printed forms of applications', () => {
  it('prints the progress report and the spot-check list from the command line, and the publicity list from the service', async () => {
    const s = await office('2026-09-01');
    const { api, clerk, manager } = s;
    await api.value(
      'cases.setDelegation',
      { effectiveFrom: '2026-01-01', townshipsDecideDibao: true, townshipsDecideTekun: true, temporaryBandFen: 0 },
      manager,
    );
    const a = await toPublicity(s, await s.newHousehold('城关镇'), '2026-09-01');
    const b = await toPublicity(s, await s.newHousehold('河西乡'), '2026-09-01');
    await api.value(
      'cases.open',
      { householdId: await s.newHousehold('河西乡'), tierApplied: 'dibao', receivedOn: '2026-09-01', relativeOfStaff: false },
      clerk,
    );
    s.setDate('2026-09-09');
    await api.value('cases.decide', { id: a, on: '2026-09-09', decision: 'decided', level: 'township', reason: '符合条件' }, manager);
    await api.value('cases.spotDraw', { month: '2026-09', seed: 7 }, manager);
    const pub = await api.value('cases.print', { form: 'case-publicity', format: 'html' }, clerk);
    expect(pub.html).toContain('待审批公示名单');
    expect(pub.html).toContain('张*明');
    expect(pub.html).not.toMatch(/张[一二三四五六七八九十]明/);
    expect(b).toBeGreaterThan(0);

    const pdf = path.join(s.dir, 'cases.pdf');
    expect(cli(['report', 'cases', '--db', s.file, '--month', '2026-09', '--format', 'pdf', '--out', pdf])).toMatch(/pages/);
    const text = pdfText(pdf);
    expect(text).toContain('社会救助申请办理进度月报');
    // The command line counts open and overdue cases on today's date: 河西乡's two, received in September 2026, are both late.
    expect(text).toMatch(/城关镇\s+1\s+1\s+0\s+0\s+0\s+0\s+6\.0/);
    expect(text).toMatch(/河西乡\s+2\s+0\s+0\s+0\s+2\s+2\s+—/);
    expect(text).toMatch(/第\s*1\s*页\s*共\s*1\s*页/);
    expect(text).toContain('制表人');

    const xlsx = path.join(s.dir, 'spot.xlsx');
    cli(['report', 'spot-checks', '--db', s.file, '--month', '2026-09', '--format', 'xlsx', '--out', xlsx]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(2).getCell(1).value)).toContain('随机种子 7');
    expect(ws.getRow(4).getCell(2).value).toBe(String(a));
    const spotPdf = path.join(s.dir, 'spot.pdf');
    cli(['report', 'spot-checks', '--db', s.file, '--month', '2026-09', '--format', 'pdf', '--out', spotPdf]);
    expect(pdfText(spotPdf)).toContain('乡镇审批事项抽查名单');
  }, 120_000);
});
