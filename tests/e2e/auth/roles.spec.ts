import { test, expect, setupEmptyAndLogin } from '../fixtures';

test('a clerk asked for by the administrator and confirmed by the manager is refused user management by the service', async ({
  page,
  setup,
  login,
  shell,
  settings,
  shot,
}) => {
  await setupEmptyAndLogin({ setup, login }, undefined, 'administrator');
  await settings.open();
  // Esc closes a dialog without losing what was typed.
  await page.getByTestId('tab-users').click();
  await page.getByTestId('new-user').click();
  await page.getByTestId('nu-username').fill('half-typed');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('nu-username')).toHaveCount(0);
  await page.getByTestId('new-user').click();
  await expect(page.getByTestId('nu-username')).toHaveValue('half-typed');
  await page.keyboard.press('Escape');
  await settings.createUser({ username: 'clerk1', displayName: '陈经办', role: 'clerk', password: 'pass1' });
  await shot('settings');
  await page.getByTestId('tab-audit-log').click();
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-verify-result')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('audit-head')).toContainText('审计链 #');
  await expect(page.getByTestId('audit-log')).toContainText('clerk1');
  await shell.logout();
  await login.login('clerk1', 'pass1');
  await expect(page.getByTestId('header-user')).toContainText('经办人员');
  await expect(shell.nav('settings')).toHaveCount(0);
  // Reaching the screen by its address does not help: the service refuses.
  await page.evaluate(() => {
    location.hash = '#/settings';
  });
  await page.getByTestId('tab-users').click();
  const alert = page.getByTestId('error-alert');
  await expect(alert).toHaveAttribute('data-code', 'forbidden');
  await expect(alert).toContainText('无权');
  await expect(page.getByTestId('users-table')).toHaveCount(0);
});
