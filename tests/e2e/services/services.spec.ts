/**
 * Service assistance through the screens (docs/rules/temporary-service-recovery.md §12): the
 * engine suggests a person living alone; a clerk assesses her at home (two staff) and makes a plan
 * from the assessment; the provider's file comes through the import wizard with one row refused
 * (over 1.5 × the month's plan, counting the row accepted before it); the manager prints the
 * monthly provider report (pdftotext) with the figures of the accepted record.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, idNumber, setupEmptyAndLogin, api } from '../fixtures';
import { ExchangeScreen } from '../exchange/pages';
import { ServicesScreen, todayLocal } from './pages';

const elder = idNumber('110105', '1949-03-08', '224');

test('an assessment leads to a plan; a provider’s file is imported with one row refused; the monthly report is printed', async ({
  page,
  login,
  setup,
  shell,
  settings,
  shot,
}) => {
  test.setTimeout(240_000);
  const sv = new ServicesScreen(page);
  await setupEmptyAndLogin({ setup, login });
  await settings.open();
  await settings.createUser({ username: 'clerk1', displayName: '陈经办', role: 'clerk', password: 'pass1' });
  await settings.createUser({ username: 'manager1', displayName: '王审核', role: 'manager', password: 'pass2' });
  // The administrator registers the household and proposes; the manager approves and sets up the county's list and provider.
  const { id: hid } = await api(page, 'households.create', {
    household: {
      residence: 'urban',
      area: { township: '城关镇', village: '东街社区' },
      address: '东街 9 号',
      members: [{ idNumber: elder, name: '钱桂英', relation: 'head', status: 'present' }],
    },
  });
  const { id: det } = await api(page, 'determinations.propose', { householdId: hid });
  await shell.logout();
  await login.login('manager1', 'pass2');
  await api(page, 'determinations.decide', { id: det, decision: 'approved', reason: '符合特困人员条件' });
  await api(page, 'services.addStandardList', { from: '2026-01-01' });
  const town = (await api(page, 'areas.list', {})).find((a) => a.name === '城关镇')!.id;
  const { id: sw } = await api(page, 'services.saveProvider', {
    code: 'SW01',
    name: '城关镇社工站',
    kind: 'social_work_station',
    townshipIds: [town],
  });
  const year = new Date().getFullYear();
  for (const y of [year, year + 1])
    await api(page, 'services.saveContract', {
      providerId: sw,
      year: y,
      number: `HT-${y}`,
      budgetFen: 10_000_000,
      services: ['visit_care', 'meals'],
      signedOn: `${year}-01-01`,
    });
  await shell.logout();

  // The clerk: the suggestion, the assessment at home (two staff), the plan from it.
  await login.login('clerk1', 'pass1');
  await sv.open('assessments');
  await expect(sv.suggestion(elder)).toContainText('钱桂英');
  await expect(sv.suggestion(elder)).toContainText('分散供养特困人员');
  await shot('services-suggestions');
  await page.getByTestId(`sv-assess-${elder}`).click();
  await page.getByTestId('sv-a-assessor-0').fill('张丽');
  await expect(page.getByTestId('sv-a-save')).toBeDisabled(); // at home: two staff
  await expect(page.getByTestId('sv-a-assessors-hint')).toContainText('两名');
  await page.getByTestId('sv-a-assessor-1').fill('王芳');
  await page.getByTestId('sv-a-score-social_integration').getByText('2 需求严重').click();
  await page.getByTestId('sv-a-note-social_integration').fill('独居，少与人交流');
  await shot('services-assessment');
  await page.keyboard.press('Control+s');
  await expect(sv.suggestion(elder)).toHaveCount(0);

  await page.getByTestId('sv-tab-plans').click();
  await page.getByTestId(`sv-plan-from-${elder}`).click();
  await page.getByTestId('sv-p-provider').selectOption(String(sw));
  // Meals serve the economic area, scored 0: not offered, and it says why.
  await expect(page.getByTestId('sv-p-check-meals')).toBeDisabled();
  await expect(page.locator('[data-testid="sv-p-service"][data-code="meals"]')).toContainText('经济方面无需求');
  await page.getByTestId('sv-p-check-visit_care').check();
  await page.getByTestId('sv-p-qty-visit_care').fill('4');
  await shot('services-plan');
  await page.getByTestId('sv-p-save').click();
  const row = sv.planRows().filter({ hasText: '钱桂英' });
  await expect(row).toContainText('城关镇社工站');
  await expect(row).toContainText('探访关爱 0/4次');

  // The provider's file: 3 visits accepted; 4 more would make 7 > 1.5 × 4: refused.
  const today = todayLocal();
  const csv = [
    '记录编号,身份证号码,姓名,服务机构,服务项目,服务日期,数量,服务人员,备注',
    `R-001,${elder},钱桂英,SW01,visit_care,${today},3,张丽,`,
    `R-002,${elder},钱桂英,SW01,探访关爱,${today},4,张丽,`,
  ].join('\r\n');
  const ex = new ExchangeScreen(page);
  await ex.open();
  await ex.chooseFile('城关镇社工站服务记录.csv', Buffer.from(csv, 'utf8'));
  await expect(page.getByTestId('ex-source-service_records')).toBeChecked();
  await ex.next();
  await ex.waitStep('mapping');
  await expect(page.getByTestId('ex-map-recordId')).toHaveValue('记录编号');
  await ex.next();
  await ex.waitStep('preview');
  await ex.next();
  await ex.waitStep('report');
  await page.getByTestId('ex-import').click();
  await ex.waitDone();
  await expect(ex.count('ex-s-read')).toHaveText('2');
  await expect(ex.count('ex-s-accepted')).toHaveText('1');
  await expect(ex.count('ex-s-rejected')).toHaveText('1');
  const refused = page.getByTestId('ex-rejected-row');
  await expect(refused).toHaveAttribute('data-row', '3');
  await expect(refused).toContainText('1.5');
  await shot('services-import');
  await sv.open('records');
  await expect(page.locator('[data-testid="sv-rec-row"][data-key="R-001"]')).toContainText('150.00 元');
  await expect(page.getByTestId('sv-rec-row')).toHaveCount(1);
  await shell.logout();

  // The manager prints the month's provider report.
  await login.login('manager1', 'pass2');
  await sv.open('report');
  await page.getByTestId('sv-report-month').fill(today.slice(0, 7));
  const line = page.locator('[data-testid="sv-report-row"][data-service="visit_care"]');
  await expect(line).toContainText('城关镇社工站');
  await expect(line).toContainText('150.00 元');
  await shot('services-report');
  const pdf = await sv.savePdf('sv-rep');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'services-e2e-'));
  const file = path.join(tmp, 'report.pdf');
  await pdf.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  expect(text).toContain('服务类社会救助服务机构月度报告');
  const visits = text.split('\n').find((l) => l.includes('探访关爱'));
  expect(visits, 'the visits line of the report').toBeTruthy();
  expect(visits).toMatch(/4\s+3\s+75\.0%\s+150\.00/);
  expect(text).toMatch(/第\s*1\s*页\s*共\s*1\s*页/);
  expect(text).toContain('审核人');
});
