import { test, expect } from '../fixtures';

test('first run: administrator sets up an empty office, then logs in', async ({ page, setup, login, shell, shot }) => {
  await expect(setup.root()).toBeVisible();
  await shot('setup');
  await setup.complete({
    office: { name: '民政局社会救助股', county: '示范县', regionCode: '110105' },
    admin: { username: 'chief', displayName: '王主任', password: 'secret1' },
    demo: false,
  });
  await expect(page.getByTestId('setup-done')).toBeVisible();
  await expect(login.demoNotice()).toHaveCount(0);
  await shot('login');
  // A wrong password is refused with the server's message at the password field.
  await page.getByTestId('login-username').fill('chief');
  await page.getByTestId('login-password').fill('nope');
  await page.getByTestId('login-submit').click();
  await expect(page.getByText('用户名或密码错误。')).toBeVisible();
  await login.login('chief', 'secret1');
  await expect(page.getByTestId('header-user')).toContainText('王主任');
  await expect(page.getByTestId('header-user')).toContainText('管理员');
  // Navigation in the office's order, Settings only for administrators.
  const order = [
    'dashboard',
    'households',
    'screening',
    'scan',
    'scenarios',
    'approvals',
    'cases',
    'monitoring',
    'referrals',
    'exchange',
    'services',
    'reports',
    'temporary',
    'stations',
    'settings',
  ];
  const ids = await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(4)));
  expect(ids).toEqual(order);
  await expect(page.getByTestId('dash-households')).toHaveText('0');
  await shot('dashboard');
  await shell.go('monitoring');
  await expect(page.getByTestId('monitoring-page')).toBeVisible();
  await shell.logout();
});
