import fs from 'node:fs';
import iconv from 'iconv-lite';
import { test, expect, idNumber, setupEmptyAndLogin, api, sampleHousehold } from '../fixtures';
import { ExchangeScreen, MonitoringScreen } from '../exchange/pages';
import { call } from '../referrals/pages';

const headId = idNumber('110105', '1968-02-03', '321');
const unknownId = idNumber('110105', '1979-07-08', '413');
const goodForBad = idNumber('110105', '1985-05-06', '517');
/** A wrong check character: the same 17 digits with another last character. */
const badId = goodForBad.slice(0, 17) + (goodForBad[17] === '1' ? '2' : '1');

/** The medical insurance bureau's monthly file as it arrives: GB18030, a title row above the header. */
function medicalCsv(): Buffer {
  const lines = [
    '示范县医疗保障局 2026年住院结算明细,,,,,,,,',
    '序号,姓名,身份证号码,入院日期,出院日期,医疗机构,总费用,统筹支付,个人自付',
    `1,钱秀英,${headId},2026-10-08,2026-10-20,示范县人民医院,25000.00,16500.00,8500.00`,
    `2,孙未知,${unknownId},2026-10-10,2026-10-15,示范县中医院,3000.00,2000.00,1000.00`,
    `3,李错号,${badId},2026-10-11,2026-10-16,示范县人民医院,5000.00,3000.00,2000.00`,
  ];
  return iconv.encode(lines.join('\r\n') + '\r\n', 'gb18030');
}

test('a medical-insurance file goes through the wizard; its warning is visited by two staff, closed with an outcome, and shows closed on the household; the same file again adds nothing', async ({
  page,
  setup,
  login,
  shell,
  settings,
  shot,
}) => {
  test.setTimeout(180_000);
  const ex = new ExchangeScreen(page);
  const mon = new MonitoringScreen(page);
  await setupEmptyAndLogin({ setup, login });
  await settings.open();
  await settings.createUser({ username: 'clerk1', displayName: '陈经办', role: 'clerk', password: 'pass1' });
  const base = sampleHousehold(headId, '钱秀英');
  // sampleHousehold (tests/e2e/fixtures.ts) is not typed by the contract: the input goes as it is.
  const { id: householdId } = await api(page, 'households.create', {
    household: { ...base, current: { tier: 'dibao', monthlyBenefit: 420 } },
  });
  await shell.logout();

  // The clerk imports the file.
  await login.login('clerk1', 'pass1');
  await ex.open();
  await shot('exchange-file');
  const csv = medicalCsv();
  await ex.chooseFile('医保住院结算-2026-10.csv', csv);
  // The source is recognised from the columns and the name.
  await expect(page.getByTestId('ex-suggested')).toHaveAttribute('data-source', 'medical_insurance');
  await expect(page.getByTestId('ex-source-medical_insurance')).toBeChecked();
  await shot('exchange-source');
  await ex.next();
  await ex.waitStep('mapping');
  await expect(page.getByTestId('ex-map-idNumber')).toHaveValue('身份证号码');
  await expect(page.getByTestId('ex-map-outOfPocket')).toHaveValue('个人自付');
  await expect(page.getByTestId('ex-map-admittedOn')).toHaveValue('入院日期');
  await expect(page.getByTestId('ex-header-row')).toHaveValue('2');
  await shot('exchange-mapping');
  await ex.next();
  await ex.waitStep('preview');
  await expect(page.getByTestId('ex-encoding')).toHaveText('gb18030');
  await expect(page.getByTestId('ex-header-row-shown')).toHaveText('2');
  await expect(page.getByTestId('ex-preview-row')).toHaveCount(3);
  await expect(page.getByTestId('ex-preview-table')).toContainText('示范县人民医院');
  await shot('exchange-preview');
  await ex.next();
  await ex.waitStep('report');
  await expect(ex.count('ex-r-read')).toHaveText('3');
  await expect(ex.count('ex-r-valid')).toHaveText('2');
  await expect(ex.count('ex-r-invalid')).toHaveText('1');
  await expect(ex.count('ex-r-matched')).toHaveText('1');
  await expect(ex.count('ex-r-unknown')).toHaveText('1');
  const problem = page.getByTestId('ex-problem');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('data-row', '5');
  await expect(problem).toContainText('身份证号码');
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ex-report-csv').click()]);
  expect(report.suggestedFilename()).toMatch(/-validation\.csv$/);
  const reportText = fs.readFileSync((await report.path())!, 'utf8');
  expect(reportText).toContain('5,身份证号码');
  await shot('exchange-report');

  await page.getByTestId('ex-import').click();
  await ex.waitStep('import');
  await expect(page.getByTestId('ex-progress')).toBeVisible();
  await ex.waitDone();
  await expect(page.getByTestId('ex-progress-text')).toContainText('3 / 3');
  await expect(ex.count('ex-s-read')).toHaveText('3');
  await expect(ex.count('ex-s-accepted')).toHaveText('2');
  await expect(ex.count('ex-s-rejected')).toHaveText('1');
  await expect(ex.count('ex-s-matched')).toHaveText('1');
  await expect(ex.count('ex-s-unknown')).toHaveText('1');
  await expect(ex.count('ex-s-warnings')).toHaveText('1');
  await expect(page.getByTestId('ex-rejected-row')).toHaveAttribute('data-row', '5');
  await expect(page.getByTestId('ex-unknown-row')).toContainText(unknownId);
  await expect(page.getByTestId('ex-duplicate')).toHaveCount(0);
  const sha = (await page.getByTestId('ex-sha').textContent())!.trim();
  expect(sha).toMatch(/^[0-9a-f]{64}$/);
  await shot('exchange-summary');

  // The warning is in the queue.
  await page.getByTestId('ex-open-monitoring').click();
  await expect(mon.root()).toBeVisible();
  const row = page.locator('[data-testid="mon-row"][data-rule="hospital_cost"]').first();
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-household', String(householdId));
  await expect(row).toContainText('钱秀英');
  await expect(row).toContainText('紧急');
  const warningId = Number(await row.getAttribute('data-id'));
  await expect(page.getByTestId('mon-count-open')).toHaveAttribute('data-n', '1');
  await shot('monitoring-queue');
  await shell.logout();

  // The administrator (who sees every user) assigns it to the clerk.
  await login.login('chief', 'secret1');
  await mon.open();
  await mon.openWarning(warningId);
  await page.getByTestId('mon-assign-to').selectOption({ label: '陈经办 (clerk1)' });
  await page.getByTestId('mon-assign').click();
  await expect(mon.row(warningId)).toContainText('陈经办');
  await page.keyboard.press('Escape');
  await shell.logout();

  // The clerk finds it under "mine", records a home visit with two staff and closes it.
  await login.login('clerk1', 'pass1');
  await mon.open();
  await page.getByTestId('mon-assignee').selectOption('me');
  await expect(mon.rows()).toHaveCount(1);
  await mon.openWarning(warningId);
  await expect(page.getByTestId('mon-evidence')).toContainText('8500.00');
  await expect(page.getByTestId('mon-close-form')).toHaveCount(0); // nothing to close on before a visit
  await expect(page.getByTestId('mon-staff-0')).toHaveValue('陈经办');
  await page.getByTestId('mon-findings').fill('入户核实：住院属实，自付费用已结清，家庭收入无变化。');
  await expect(page.getByTestId('mon-two-staff')).toBeVisible();
  await expect(page.getByTestId('mon-visit-save')).toBeDisabled();
  await page.getByTestId('mon-staff-1').fill('周干事');
  await expect(page.getByTestId('mon-two-staff')).toHaveCount(0);
  await page.getByTestId('mon-visit-save').click();
  await expect(page.getByTestId('mon-visit')).toHaveCount(1);
  await expect(page.getByTestId('mon-visit')).toContainText('陈经办、周干事');
  await page.getByTestId('mon-outcome-adjust').click();
  await page.getByTestId('mon-close-note').fill('医疗支出较大，按现情况重新认定');
  await shot('monitoring-warning');
  await page.getByTestId('mon-close').click();
  await expect(page.getByTestId('mon-close-confirm-text')).toContainText(`第 ${warningId} 号预警`);
  await page.getByTestId('mon-close-confirm').click();
  await expect(page.getByTestId('mon-closed')).toHaveAttribute('data-outcome', 'adjust');
  await expect(page.getByTestId('mon-proposal')).toContainText('重新认定');
  await expect(page.getByTestId('mon-go-approvals')).toBeVisible();
  await shot('monitoring-closed');
  await page.keyboard.press('Escape');
  await page.getByTestId('mon-status').selectOption('closed');
  await expect(mon.row(warningId)).toHaveAttribute('data-status', 'closed');
  await page.getByTestId('mon-tab-reviews').click();
  await expect(page.getByTestId('mon-reviews')).toBeVisible();
  await shot('monitoring-reviews');

  // The household's tabs: the warning closed, the hospital stay in the verification report.
  await page.evaluate((id) => {
    location.hash = `#/households/${id}`;
  }, householdId);
  await page.getByTestId('tab-warnings').click();
  const hw = page.locator(`[data-testid="hh-warning-row"][data-id="${warningId}"]`);
  await expect(hw).toHaveAttribute('data-status', 'closed');
  await expect(hw.getByTestId('hh-warning-closed')).toBeVisible();
  await expect(hw).toContainText('调整待遇');
  await shot('household-warnings');
  await page.getByTestId('tab-verification').click();
  await expect(page.locator('[data-testid="hh-ver-row"][data-category="hospital_stay"]')).toContainText('8,500.00 元');
  await shot('household-verification');
  // The assistance chain, newest first: the closing, the visit, and the warning's raising (read from the warnings table).
  await page.getByTestId('tab-chain').click();
  const warningEvents = page.locator('[data-testid="chain-event"][data-kind="warning"]');
  await expect(warningEvents).toHaveCount(2);
  await expect(warningEvents.nth(0)).toHaveAttribute('data-status', 'closed');
  await expect(warningEvents.nth(1)).toHaveAttribute('data-status', 'open');
  await expect(warningEvents.nth(1)).toContainText('预警：住院个人自付费用较高');
  await expect(page.locator('[data-testid="chain-event"][data-kind="visit"]')).toHaveCount(1);

  // The same file again: a duplicate, nothing added.
  await ex.open();
  await ex.chooseFile('医保住院结算-2026-10.csv', csv);
  await expect(page.getByTestId('ex-source-medical_insurance')).toBeChecked();
  await ex.next();
  await ex.waitStep('mapping');
  await expect(page.getByTestId('ex-saved-mapping')).toBeVisible();
  await ex.next();
  await ex.waitStep('preview');
  await ex.next();
  await ex.waitStep('report');
  await page.getByTestId('ex-import').click();
  await expect(page.getByTestId('ex-duplicate')).toBeVisible();
  await expect(ex.count('ex-s-warnings')).toHaveText('0');
  await expect(page.getByTestId('ex-sha')).toHaveText(sha);
  await page.getByTestId('ex-tab-history').click();
  await expect(page.getByTestId('ex-history-row')).toHaveCount(1);
  await expect(page.getByTestId('ex-history-row')).toHaveAttribute('data-sha', sha);
  await expect(page.getByTestId('ex-history-row')).toHaveAttribute('data-status', 'applied');
  await shot('exchange-history');
  const all = await call(page, 'monitoring.queue', { status: 'all' });
  expect(all.total).toBe(1);

  // Verification requests for the medical insurance bureau: in a browser a zip with the manifest, downloaded.
  await page.getByTestId('ex-tab-export').click();
  await page.getByTestId('exp-source').selectOption('medical_insurance');
  await expect(page.getByTestId('exp-folder-download')).toBeVisible();
  const [requests] = await Promise.all([page.waitForEvent('download'), page.getByTestId('exp-run').click()]);
  await expect(page.getByTestId('exp-done')).toContainText('已导出 1 人');
  expect(requests.suggestedFilename()).toMatch(/^核对请求-medical_insurance-.*\.zip$/);
  await shot('exchange-export');

  // English: the same screens in the other language.
  await shell.setLanguage('en');
  await mon.open();
  await page.getByTestId('mon-status').selectOption('all');
  await expect(mon.row(warningId)).toContainText('High hospital out-of-pocket cost');
  await expect(mon.row(warningId)).toContainText('Adjust');
  await shot('monitoring-queue-en');
});
