/**
 * The whole closed loop on the demo county, through the screens (docs/rules/assistance.md §4, §7):
 * a medical-insurance file made here for the head of a household in a tier (hospital
 * out-of-pocket 6,500 yuan: above the in-tier threshold of 6,000, below the 10,000 of other
 * residents) goes through the Exchange wizard → a warning is raised → a home visit with two
 * staff is recorded → the warning is closed with outcome "referral" (which opens a referral to
 * the medical insurance bureau) → the bureau's push list is exported → the feedback file built
 * from that XLSX is imported → the household's chain shows the bureau's result and the
 * happiness list marks it received → the warning and verification report prints it masked →
 * the month's roster preview and saved PDF list the household with the amount the service's
 * roster gives → the publicity list shows the masked name and never the full ID number.
 * Screenshots of each step go to tests/artifacts/screenshots/full-loop-*.png.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect } from '../fixtures';
import { call, LoopHousehold, LoopReferrals, LoopReports } from './pages';
import type { Output } from '../../../src-main/contract';
import { ExchangeScreen, MonitoringScreen } from '../exchange/pages';
import { maskIdNumber, maskName } from '../../../src-main/common/id-number';
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

/** The medical insurance bureau's settlement file, with one hospital stay of our person. */
function medicalCsv(idNumber: string, name: string): Buffer {
  const lines = [
    '序号,姓名,身份证号码,入院日期,出院日期,医疗机构,总费用,统筹支付,个人自付',
    `1,${name},${idNumber},${isoDaysAgo(20)},${isoDaysAgo(9)},演示县人民医院,18000.00,11500.00,6500.00`,
  ];
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

test('full loop: medical file → warning → home visit → referral → push list → feedback → chain and happiness list → reports', async ({
  page,
  setup,
  login,
  shot,
}) => {
  test.setTimeout(300_000);
  await setup.complete(DEMO);
  await login.login('manager', 'demo');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'full-loop-e2e-'));

  // A household in this month's roster (so in a tier), its head not yet warned of a hospital stay.
  const months = await call(page, 'payments.months', {});
  const month = months[0].month;
  expect(months[0].closed).toBe(false);
  const roster = await call(page, 'payments.roster', { month, pageSize: 500 });
  expect(roster.rows.length).toBeGreaterThan(10);
  let line: Output<'payments.roster'>['rows'][number] | null = null;
  for (const l of roster.rows) {
    if (!/^\d{17}[\dX]$/.test(l.headIdNumber) || l.amountFen <= 0) continue;
    const q = await call(page, 'monitoring.queue', { householdId: l.householdId, rule: 'hospital_cost', status: 'all' });
    if (q.total === 0) {
      line = l;
      break;
    }
  }
  expect(line, 'a demo household in the roster without a hospital warning').not.toBeNull();
  if (!line) return;
  const hid = line.householdId;
  const headId = line.headIdNumber;
  const headName = line.headName;

  // Exchange → the wizard: source recognised, columns mapped, one person matched, one warning.
  const ex = new ExchangeScreen(page);
  await ex.open();
  await ex.chooseFile('医保住院结算.csv', medicalCsv(headId, headName));
  await expect(page.getByTestId('ex-suggested')).toHaveAttribute('data-source', 'medical_insurance');
  await expect(page.getByTestId('ex-source-medical_insurance')).toBeChecked();
  await ex.next();
  await ex.waitStep('mapping');
  await expect(page.getByTestId('ex-map-idNumber')).toHaveValue('身份证号码');
  await expect(page.getByTestId('ex-map-outOfPocket')).toHaveValue('个人自付');
  await ex.next();
  await ex.waitStep('preview');
  await expect(page.getByTestId('ex-preview-row')).toHaveCount(1);
  await ex.next();
  await ex.waitStep('report');
  await expect(ex.count('ex-r-read')).toHaveText('1');
  await expect(ex.count('ex-r-matched')).toHaveText('1');
  await page.getByTestId('ex-import').click();
  await ex.waitStep('import');
  await ex.waitDone();
  await expect(ex.count('ex-s-matched')).toHaveText('1');
  await expect(ex.count('ex-s-warnings')).toHaveText('1'); // 6,500 > 6,000: the in-tier threshold
  await shot('full-loop-exchange');

  // Monitoring: the urgent hospital warning in the household's village.
  const warnings = await call(page, 'monitoring.queue', { householdId: hid, rule: 'hospital_cost' });
  expect(warnings.items).toHaveLength(1);
  const warningId = warnings.items[0].id;
  expect(warnings.items[0].severity).toBe('urgent');
  const mon = new MonitoringScreen(page);
  await page.getByTestId('ex-open-monitoring').click();
  await expect(mon.root()).toBeVisible();
  await page.getByTestId('mon-township').selectOption({ label: line.township });
  await page.getByTestId('mon-village').selectOption({ label: line.village });
  await expect(mon.row(warningId)).toBeVisible();
  await expect(mon.row(warningId)).toHaveAttribute('data-household', String(hid));
  await expect(mon.row(warningId)).toContainText('紧急');
  await mon.openWarning(warningId);
  await expect(page.getByTestId('mon-evidence')).toContainText('6500.00');

  // A home visit by two staff, then closed with outcome "referral" (automatic target: medical assistance).
  await expect(page.getByTestId('mon-close-form')).toHaveCount(0);
  await expect(page.getByTestId('mon-staff-0')).not.toHaveValue('');
  await page.getByTestId('mon-findings').fill('入户核实：住院属实，个人自付 6500 元，家庭负担较重。');
  await expect(page.getByTestId('mon-visit-save')).toBeDisabled();
  await page.getByTestId('mon-staff-1').fill('周干事');
  await page.getByTestId('mon-visit-save').click();
  await expect(page.getByTestId('mon-visit')).toHaveCount(1);
  await expect(page.getByTestId('mon-visit')).toContainText('周干事');
  await page.getByTestId('mon-outcome-referral').click();
  await page.getByTestId('mon-close-note').fill('推送医疗救助');
  await page.getByTestId('mon-close').click();
  await expect(page.getByTestId('mon-close-confirm-text')).toContainText(`第 ${warningId} 号预警`);
  await page.getByTestId('mon-close-confirm').click();
  await expect(page.getByTestId('mon-closed')).toHaveAttribute('data-outcome', 'referral');
  await expect(page.getByTestId('mon-referral')).toBeVisible();
  await shot('full-loop-warning-closed');
  await page.keyboard.press('Escape');
  const w = await call(page, 'monitoring.get', { id: warningId });
  expect(w.status).toBe('closed');
  expect(w.visits).toHaveLength(1);
  expect(w.visits[0].staff).toHaveLength(2);
  expect(w.referralId).not.toBeNull();
  const referral = await call(page, 'referrals.get', { id: w.referralId ?? 0 });
  expect(referral).toMatchObject({ assistance: 'medical', department: 'medical_insurance', status: 'drafted', householdId: hid });
  const number = referral.number;

  // Referrals → the medical insurance bureau's push list (XLSX): our referral, full ID and name.
  const referrals = new LoopReferrals(page);
  await referrals.open();
  const dl = await referrals.exportPushList('medical_insurance');
  const xlsxPath = path.join(tmp, dl.suggestedFilename());
  await dl.saveAs(xlsxPath);
  await expect(referrals.row(number)).toHaveAttribute('data-status', 'pushed');

  // The bureau answers in the same file: assisted, 3,000 yuan.
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
    cId = col('身份证号码'),
    cName = col('姓名'),
    cResult = col('结果'),
    cAmount = col('金额'),
    cItem = col('物品或项目'),
    cDate = col('日期'),
    cNote = col('说明');
  expect(Math.min(cNum, cId, cName, cResult, cAmount, cItem, cDate, cNote)).toBeGreaterThan(0);
  let filled = 0;
  ws.eachRow((row, n) => {
    if (n === 1 || String(row.getCell(cNum).value) !== number) return;
    expect(String(row.getCell(cId).value)).toBe(headId); // the department gets the full ID number (§7)
    expect(String(row.getCell(cName).value)).toBe(headName);
    row.getCell(cResult).value = 'assisted';
    row.getCell(cAmount).value = '3,000.00';
    row.getCell(cItem).value = '住院医疗救助';
    row.getCell(cDate).value = isoDaysAgo(1);
    row.getCell(cNote).value = '医疗救助已支付';
    filled++;
  });
  expect(filled).toBe(1);
  const feedbackPath = path.join(tmp, '反馈-' + dl.suggestedFilename());
  await wb.xlsx.writeFile(feedbackPath);
  await referrals.importFeedback(feedbackPath);
  await expect(page.getByTestId('feedback-applied')).toHaveAttribute('data-n', '1');
  await expect(referrals.row(number)).toHaveAttribute('data-status', 'completed');
  await expect(referrals.row(number).getByTestId('referral-result')).toContainText('3,000.00 元');
  await shot('full-loop-referrals');

  // The household's chain: warning, visit, referral and the bureau's result; the happiness list: received.
  const household = new LoopHousehold(page);
  await household.open(hid);
  await household.chainTab();
  await expect(household.chainEvents('warning').first()).toBeVisible();
  await expect(household.chainEvents('visit').first()).toBeVisible();
  const result = household.chainEvents('department_result').filter({ hasText: '3,000.00 元' });
  await expect(result.first()).toBeVisible();
  const happy = page.locator(`[data-testid="happy-item"][data-referral="${number}"]`);
  await expect(happy).toHaveAttribute('data-status', 'received');
  await expect(happy).toHaveAttribute('data-assistance', 'medical');
  await expect(happy.getByTestId('happy-status')).toHaveText('已享受');
  await shot('full-loop-chain');

  // Reports: the warning and verification report lists the warning, masked.
  const reports = new LoopReports(page);
  await reports.open();
  await page.getByTestId('rep-kind').selectOption('warnings');
  const today = isoDaysAgo(0);
  const thisMonth = today.slice(0, 7);
  if (months.some((m) => m.month === thisMonth)) await page.getByTestId('rep-month').selectOption(thisMonth);
  await page.getByTestId('rep-township').selectOption({ label: line.township });
  await page.getByTestId('rep-village').selectOption({ label: line.village });
  await reports.waitPreview();
  const wBody = reports.preview().locator('body');
  await expect(wBody).toContainText('演示县社会救助预警与核查情况表');
  if (months.some((m) => m.month === thisMonth)) {
    const wRow = reports
      .preview()
      .locator('tr', { hasText: maskIdNumber(headId) })
      .filter({ hasText: '住院个人自付费用较高' });
    await expect(wRow.first()).toContainText('入户（2人）');
    await expect(wRow.first()).toContainText('转介推送');
    await expect(wRow.first()).toContainText(maskName(headName));
  }
  await expect(wBody).not.toContainText(headId);
  await shot('full-loop-warnings-report');

  // The month's roster (the household's village): the amount the service's roster gives.
  const amount = formatFen(line.amountFen);
  const again = await call(page, 'payments.roster', { month, villageId: line.areaId, pageSize: 500 });
  expect(again.rows.find((r) => r.householdId === hid)?.amountFen).toBe(line.amountFen); // the referral changed no benefit
  await page.getByTestId('rep-kind').selectOption('roster');
  await page.getByTestId('rep-month').selectOption(month);
  await page.getByTestId('rep-township').selectOption({ label: line.township });
  await page.getByTestId('rep-village').selectOption({ label: line.village });
  await reports.waitPreview();
  await expect(reports.preview().locator('body')).toContainText('发放花名册');
  const rosterRow = reports
    .preview()
    .locator('tr', { hasText: headName })
    .filter({ hasText: maskIdNumber(headId) })
    .first();
  await expect(rosterRow).toContainText(amount);
  await shot('full-loop-roster');
  const pdf = await reports.savePdf();
  const pdfPath = path.join(tmp, 'roster.pdf');
  await pdf.saveAs(pdfPath);
  expect(fs.readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
  const rowLine = text.split('\n').find((l) => l.includes(headName) && l.includes(maskIdNumber(headId)));
  expect(rowLine, 'the household’s row in the roster PDF').toBeTruthy();
  expect(rowLine).toContain(amount);
  expect(text).not.toContain(headId);

  // The publicity list: the masked name, never the full ID number (nor the masked one).
  await page.getByTestId('rep-kind').selectOption('publicity');
  const pBody = reports.preview().locator('body');
  await expect(pBody).toContainText('公示名单');
  const pubRow = reports
    .preview()
    .locator('tr', { hasText: maskName(headName) })
    .filter({ hasText: amount });
  await expect(pubRow.first()).toBeVisible();
  await expect(pBody).not.toContainText(headName);
  await expect(pBody).not.toContainText(headId);
  await expect(pBody).not.toContainText(headId.slice(6, 14)); // not even the birth date part
  await shot('full-loop-publicity');
  fs.rmSync(tmp, { recursive: true, force: true });
});
