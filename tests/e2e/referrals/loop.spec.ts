/**
 * The closed loop on the demo county: a household from the demo history → referrals drafted
 * from its entitlements → push list exported (XLSX) → the department's feedback file (built
 * here from that XLSX) imported → the household's chain and happiness list show the result →
 * the month's roster preview and PDF list the household with its amount → the publicity list
 * masks the name. Plus a charity referral whose push list is masked by the server.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect } from '../fixtures';
import { call, LoopHousehold, LoopReferrals, LoopReports } from './pages';
import type { Output } from '../../../src-main/contract';
import { maskName } from '../../../src-main/common/id-number';
import { formatFen } from '../../../src-main/common/money';

const DEMO = {
  office: { name: '演示县民政局', county: '演示县', regionCode: '999999' },
  admin: { username: 'boss', displayName: '管理员甲', password: 'secret1' },
  demo: true,
  demoHouseholds: 150,
};

function isoDaysAgo(n: number) {
  const d = new Date(Date.now() - n * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('the whole loop: push needs, push list, feedback, chain, roster PDF, publicity masking', async ({ page, setup, login, shot }) => {
  test.setTimeout(240_000);
  await setup.complete(DEMO);
  await login.login('manager', 'demo');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loop-e2e-'));

  // A household in this month's roster with an entitlement not yet pushed (from the demo history).
  const months = await call(page, 'payments.months', {});
  const month = months[0].month;
  expect(months[0].closed).toBe(false);
  expect(months.filter((m) => m.closed).length).toBeGreaterThan(0); // the demo history closed months
  const roster = await call(page, 'payments.roster', { month, pageSize: 500 });
  type Item = Output<'chain.happiness'>['items'][number];
  let pick: { line: Output<'payments.roster'>['rows'][number]; dept: Item['department']; assistance: string } | null = null;
  for (const line of roster.rows) {
    const h = await call(page, 'chain.happiness', { householdId: line.householdId });
    const open = h.items.find((i) => i.kind === 'entitlement' && i.referralId === null && i.department !== 'charity');
    if (open) {
      pick = { line, dept: open.department, assistance: open.assistance };
      break;
    }
  }
  expect(pick, 'a demo household with an entitlement not pushed yet').not.toBeNull();
  if (!pick) return;
  const { line, dept, assistance } = pick;
  const hid = line.householdId;

  // Household → 需求推送 → push needs.
  const household = new LoopHousehold(page);
  await household.open(hid);
  await household.referralsTab();
  const before = await household.referralRows().count();
  await page.getByTestId('hh-push-needs').click();
  await expect(household.referralRows()).not.toHaveCount(before);
  const drafted = page.locator(`[data-testid="referral-row"][data-department="${dept}"][data-status="drafted"]`);
  await expect(drafted.first()).toBeVisible();
  await shot('loop-household-referrals');
  const mine = (await call(page, 'referrals.list', { householdId: hid, department: dept, status: 'drafted', pageSize: 200 })).rows;
  expect(mine.length).toBeGreaterThan(0);

  // Referrals → export the department's push list (XLSX + manifest).
  const referrals = new LoopReferrals(page);
  await referrals.open();
  const dl = await referrals.exportPushList(dept);
  const xlsxPath = path.join(tmp, dl.suggestedFilename());
  await dl.saveAs(xlsxPath);
  expect(dl.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(fs.readFileSync(xlsxPath).subarray(0, 2).toString()).toBe('PK');
  await expect(referrals.row(mine[0].number)).toHaveAttribute('data-status', 'pushed');

  // The department fills in the result columns of our household's rows and returns the file.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsxPath);
  const ws = wb.worksheets[0];
  // Column n's header at head[n] (cells count from 1).
  const head = [''];
  ws.getRow(1).eachCell({ includeEmpty: true }, (c, n) => {
    head[n] = String(c.value ?? '');
  });
  const col = (prefix: string) => head.findIndex((h) => h.startsWith(prefix));
  const cNum = col('转介编号'),
    cResult = col('结果'),
    cAmount = col('金额'),
    cItem = col('物品或项目'),
    cDate = col('日期'),
    cNote = col('说明'),
    cName = col('姓名');
  expect(Math.min(cNum, cResult, cAmount, cItem, cDate, cNote)).toBeGreaterThan(0);
  const numbers = new Set(mine.map((r) => r.number));
  const resultDate = isoDaysAgo(1);
  let filled = 0;
  ws.eachRow((row, n) => {
    if (n === 1 || !numbers.has(String(row.getCell(cNum).value))) return;
    expect(String(row.getCell(cName).value)).not.toContain('*'); // departments get full names
    row.getCell(cResult).value = 'assisted';
    row.getCell(cAmount).value = '1,200.00';
    row.getCell(cItem).value = '救助项目已落实';
    row.getCell(cDate).value = resultDate;
    row.getCell(cNote).value = '部门已办理';
    filled++;
  });
  expect(filled).toBe(mine.length);
  const bogus = ws.addRow([]);
  bogus.getCell(cNum).value = 'ZJ-2099-999999';
  bogus.getCell(cResult).value = 'assisted';
  bogus.getCell(cDate).value = resultDate;
  bogus.getCell(col('身份证号码')).value = '11010519491231002X';
  const feedbackPath = path.join(tmp, '反馈-' + dl.suggestedFilename());
  await wb.xlsx.writeFile(feedbackPath);

  await referrals.importFeedback(feedbackPath);
  await expect(page.getByTestId('feedback-applied')).toHaveAttribute('data-n', String(filled));
  await expect(page.getByTestId('feedback-rejected')).toHaveAttribute('data-n', '1');
  await expect(page.getByTestId('feedback-rejection')).toContainText('ZJ-2099-999999');
  await expect(referrals.row(mine[0].number)).toHaveAttribute('data-status', 'completed');
  await expect(referrals.row(mine[0].number).getByTestId('referral-result')).toContainText('1,200.00 元');
  await shot('loop-referrals');

  // The household's chain and happiness list show the department's result.
  await household.open(hid);
  await household.chainTab();
  await expect(household.chainEvents('department_result').first()).toBeVisible();
  await expect(household.chainEvents('department_result').first()).toContainText('1,200.00 元');
  const received = page.locator(`[data-testid="happy-item"][data-assistance="${assistance}"][data-status="received"]`);
  await expect(received.first()).toBeVisible();
  await expect(received.first().getByTestId('happy-status')).toHaveText('已享受');
  await shot('loop-household-chain');

  // A charity referral (manual, with a programme): its push list is masked by the server.
  await household.referralsTab();
  await page.getByTestId('hh-new-referral').click();
  await page.getByTestId('create-assistance').selectOption('charity');
  const programmes = page.getByTestId('create-programme').locator('option');
  await expect(programmes.nth(1)).toBeAttached();
  const progLabel = (await programmes.nth(1).textContent())!;
  await page.getByTestId('create-programme').selectOption({ index: 1 });
  await page.getByTestId('create-reason').fill('大病自付费用仍然较高，申请慈善帮扶');
  await page.getByTestId('create-save').click();
  await expect(page.locator('[data-testid="referral-row"][data-department="charity"][data-status="drafted"]')).toBeVisible();
  await referrals.open();
  const charityDl = await referrals.exportPushList('charity', progLabel.split(' · ')[0]);
  const charityPath = path.join(tmp, charityDl.suggestedFilename());
  await charityDl.saveAs(charityPath);
  const cwb = new ExcelJS.Workbook();
  await cwb.xlsx.readFile(charityPath);
  const names: string[] = [];
  cwb.worksheets[0].eachRow((r, n) => {
    if (n > 1) names.push(String(r.getCell(3).value));
  });
  expect(names.length).toBeGreaterThan(0);
  for (const n of names) expect(n).toMatch(/\*/);

  // Reports: the month's roster (filtered to the household's village) lists it with its amount.
  const amount = formatFen(line.amountFen);
  const reports = new LoopReports(page);
  await reports.open();
  await expect(page.getByTestId('rep-month')).toHaveValue(month);
  await page.getByTestId('rep-township').selectOption({ label: line.township });
  await page.getByTestId('rep-village').selectOption({ label: line.village });
  await reports.waitPreview();
  const rosterRow = reports.preview().locator('tr', { hasText: line.headName }).first();
  await expect(rosterRow).toContainText(amount);
  await expect(reports.preview().locator('body')).toContainText('发放花名册');
  await shot('loop-reports-roster');
  const pdf = await reports.savePdf();
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  const pdfPath = path.join(tmp, 'roster.pdf');
  await pdf.saveAs(pdfPath);
  expect(fs.readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
  expect(text).toContain(line.headName); // the roster prints the head's name in full, the ID masked
  expect(text).toContain(amount);
  expect(text).not.toContain(line.headIdNumber);

  // The publicity list masks the name.
  await page.getByTestId('rep-kind').selectOption('publicity');
  await expect(reports.preview().locator('body')).toContainText('公示名单');
  await expect(reports.preview().locator('body')).toContainText(maskName(line.headName));
  await expect(reports.preview().locator('body')).not.toContainText(line.headName);
  await shot('loop-reports-publicity');
  fs.rmSync(tmp, { recursive: true, force: true });
});
