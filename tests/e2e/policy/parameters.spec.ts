import { test, expect, setupEmptyAndLogin } from '../fixtures';

test('the administrator adds a new dibao standard with a future effective date; the history keeps both values', async ({
  page,
  setup,
  login,
  parameters,
  shot,
}) => {
  await setupEmptyAndLogin({ setup, login });
  await parameters.open();
  const row = page.getByTestId('param-dibao.standard');
  await expect(row.getByTestId('param-urban')).toHaveText('750.00 元');
  await expect(row.getByTestId('param-rural')).toHaveText('600.00 元');
  const future = `${new Date().getFullYear() + 1}-01-01`;
  await parameters.add('dibao.standard', { effectiveFrom: future, urban: '800', rural: '650.50', note: '县政府文件：提高低保标准' });
  // Today's value is unchanged; the new one is marked as coming.
  await expect(row.getByTestId('param-urban')).toHaveText('750.00 元');
  await expect(row.getByTestId('param-future')).toContainText(future);
  await expect(parameters.history()).toHaveCount(2);
  await expect(parameters.history().nth(0)).toContainText('750.00 元');
  await expect(parameters.history().nth(1)).toContainText('800.00 元');
  await expect(parameters.history().nth(1)).toContainText('650.50 元');
  await expect(parameters.history().nth(1)).toContainText('县政府文件');
  // A correction for the same date supersedes the older row, which stays in the history.
  await parameters.add('dibao.standard', { effectiveFrom: future, urban: '800', rural: '660', rescan: false });
  await expect(parameters.history()).toHaveCount(3);
  await expect(page.locator('[data-testid="param-history-row"][data-superseded="true"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="param-history-row"][data-superseded="true"]')).toContainText('650.50 元');
  // A rate is typed as a percentage.
  await parameters.add('addon.rate', { effectiveFrom: future, urban: '20', rural: '20', rescan: false });
  await expect(page.getByTestId('param-addon.rate').getByTestId('param-future')).toBeVisible();
  await expect(page.getByTestId('param-history').last()).toContainText('20%');
  await page.getByTestId('param-history-dibao.standard').click();
  await expect(parameters.history()).toHaveCount(3);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot('settings-parameters');
});
