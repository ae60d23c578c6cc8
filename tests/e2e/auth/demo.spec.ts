import fs from 'node:fs';
import { test, expect } from '../fixtures';

test('demo county setup (preselected) shows the demo notice at login and households in the list', async ({
  page,
  setup,
  login,
  households,
  shell,
}) => {
  await setup.complete({
    office: { name: '演示县民政局', county: '演示县', regionCode: '999999' },
    admin: { username: 'boss', displayName: '管理员甲', password: 'secret1' },
    demo: true,
    demoHouseholds: 120,
  });
  await expect(login.demoNotice()).toBeVisible();
  await expect(login.demoNotice()).toContainText('演示数据');
  await expect(login.demoNotice()).toContainText('demo');
  await login.login('clerk', 'demo');
  await expect(page.getByTestId('header-demo')).toBeVisible();
  await expect(page.getByTestId('dash-households')).toHaveText('120');
  await households.open();
  await expect(households.total()).toContainText('120');
  await expect(households.rows()).toHaveCount(50);
  // The whole filtered list exports to XLSX (an XLSX file is a zip: it starts with PK).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('households-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^households-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const bytes = fs.readFileSync(await download.path());
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  await page.getByRole('button', { name: '2' }).first().click();
  await expect(households.rows()).toHaveCount(50);
  await households.rows().first().click();
  await expect(page.getByTestId('household-page')).toBeVisible();
  await expect(page.getByTestId('member-row').first()).toBeVisible();
  await shell.setLanguage('en');
  await expect(page.getByTestId('header-demo')).toHaveText('Demo data');
});
