import { test, expect, setupEmptyAndLogin } from '../fixtures';
import { passwordOf } from '../people';

test('after the idle minutes the session locks; the password unlocks it and the typed form is still there', async ({
  page,
  setup,
  login,
  households,
  form,
}) => {
  await page.clock.install();
  await page.reload();
  await setupEmptyAndLogin({ setup, login });
  await households.open();
  await page.getByTestId('new-household').click();
  await form.waitOpen();
  await form.field('members.0.name').fill('未保存的名字');
  await page.clock.fastForward('16:00'); // the default idle lock is 15 minutes
  await expect(page.getByTestId('unlock-password')).toBeVisible();
  await page.getByTestId('unlock-password').fill('wrong');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByText('密码错误。')).toBeVisible();
  await page.getByTestId('unlock-password').fill(passwordOf(page, 'chief', 'secret1'));
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('unlock-password')).toHaveCount(0);
  await expect(form.field('members.0.name')).toHaveValue('未保存的名字');
});
