import { test, expect, setupEmptyAndLogin } from '../fixtures';

test('the UI speaks Chinese and English, switched on the login screen and in the header, and remembers it', async ({
  page,
  setup,
  login,
  shell,
  households,
}) => {
  await setupEmptyAndLogin({ setup, login });
  await expect(shell.nav('households')).toHaveText('家庭档案');
  await expect(shell.nav('screening')).toHaveText('政策匹配');
  await shell.setLanguage('en');
  await expect(shell.nav('households')).toHaveText('Households');
  await expect(shell.nav('scan')).toHaveText('Proactive scan');
  await expect(page.getByTestId('header-user')).toContainText('Manager');
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await households.open();
  await expect(households.search()).toHaveAttribute('placeholder', 'Type an ID number prefix, a name or a village');
  // Server errors come back in the same language.
  await page.getByTestId('new-household').click();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('form-error')).toContainText('Please correct the marked fields');
  await page.reload();
  await expect(shell.nav('households')).toHaveText('Households');
  await shell.logout();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await page.getByTestId('login-username').fill('chief');
  await page.getByTestId('login-password').fill('wrong');
  await page.getByTestId('login-submit').click();
  await expect(page.getByText('Wrong username or password.')).toBeVisible();
  await shell.setLanguage('zh');
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await page.getByTestId('login-submit').click();
  await expect(page.getByText('用户名或密码错误。')).toBeVisible();
});
