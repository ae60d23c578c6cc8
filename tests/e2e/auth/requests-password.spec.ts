import { test, expect, setupEmptyAndLogin } from '../fixtures';
import { changed, E2E_DIRECTOR, remember } from '../people';

test('an account takes two people: the administrator asks, cannot confirm, and the first manager confirms after changing the initial password', async ({
  page,
  setup,
  login,
  shell,
  settings,
  shot,
}) => {
  await setupEmptyAndLogin({ setup, login }, undefined, 'administrator');
  await settings.open();
  await page.getByTestId('tab-users').click();
  await page.getByTestId('new-user').click();
  await page.getByTestId('nu-username').fill('clerk2');
  await page.getByTestId('nu-display').fill('赵经办');
  await page.getByTestId('nu-role').selectOption('clerk');
  // A 4-character password is refused at its field before anything is asked (docs/security.md "Sign-in").
  await page.getByTestId('nu-password').fill('abc1');
  await page.getByTestId('nu-submit').click();
  await expect(page.getByTestId('nu-submit')).toBeVisible();
  await expect(page.getByTestId('users-table')).not.toContainText('clerk2');
  await page.getByTestId('nu-password').fill('first-2026-e2e');
  await page.getByTestId('nu-submit').click();
  await expect(page.getByTestId('nu-submit')).toHaveCount(0);
  remember(page, 'clerk2', 'clerk', 'first-2026-e2e');
  // Asked, not made: the account is not listed until someone else confirms it.
  await expect(page.getByTestId('user-row-clerk2')).toHaveCount(0);
  await page.getByTestId('tab-requests').click();
  const row = page.locator('[data-kind="user.create"][data-status="pending"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('clerk2');
  const id = (await row.getAttribute('data-testid'))!.replace('request-row-', '');
  // The asker sees confirm and refuse disabled, and why, before trying.
  await expect(page.getByTestId(`request-confirm-${id}`)).toBeDisabled();
  await expect(page.getByTestId(`request-refuse-${id}`)).toBeDisabled();
  await expect(page.getByTestId(`request-why-${id}`)).toBeVisible();
  await shot('settings-requests-asker');
  await shell.logout();

  // The first manager's initial password: nothing else opens until it is changed.
  await page.getByTestId('login-username').fill(E2E_DIRECTOR.username);
  await page.getByTestId('login-password').fill(E2E_DIRECTOR.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('forced-password-change')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('header-user')).toHaveCount(0);
  await shot('forced-password-change');
  await page.getByTestId('pw-current').fill(E2E_DIRECTOR.password);
  await page.getByTestId('pw-next').fill('short1');
  await page.getByTestId('pw-confirm').fill('short1');
  await page.getByTestId('pw-submit').click();
  await expect(page.getByTestId('forced-password-change')).toContainText('至少 8 位');
  const next = 'office-new-2026';
  await page.getByTestId('pw-next').fill(next);
  await page.getByTestId('pw-confirm').fill(next);
  await page.getByTestId('pw-submit').click();
  await expect(page.getByTestId('header-user')).toContainText(E2E_DIRECTOR.displayName, { timeout: 30_000 });
  changed(page, E2E_DIRECTOR.username, next);

  await settings.open();
  await page.getByTestId('tab-requests').click();
  await expect(page.getByTestId(`request-confirm-${id}`)).toBeEnabled();
  await page.getByTestId(`request-confirm-${id}`).click();
  await expect(page.getByTestId('rq-what')).toContainText('clerk2');
  await page.getByTestId('rq-go').click();
  await expect(page.getByTestId(`request-row-${id}`)).toHaveAttribute('data-status', 'confirmed', { timeout: 30_000 });

  // One's own password, from the header; Esc closes the dialog.
  await page.getByTestId('change-password').click();
  await expect(page.getByTestId('pw-current')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('pw-current')).toHaveCount(0);
  await shell.logout();

  // The new clerk logs in (the page object changes the initial password, as the forced page asks).
  await login.login('clerk2', 'first-2026-e2e');
  await expect(page.getByTestId('header-user')).toContainText('经办人员');
});
