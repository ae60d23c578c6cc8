import fs from 'node:fs';
import path from 'node:path';
import { test, expect, setupEmptyAndLogin } from '../fixtures';
import { confirmLatest } from '../people';

test('the administrator downloads an encrypted backup, restores it (uploaded) after one confirmation, and imports the working-day calendar', async ({
  page,
  host,
  setup,
  login,
  settings,
  shot,
}) => {
  test.setTimeout(120_000);
  await setupEmptyAndLogin({ setup, login }, undefined, 'administrator');
  await settings.open();
  await page.getByTestId('tab-backup').click();
  await expect(page.getByTestId('settings-backup')).toBeVisible();
  await expect(page.getByTestId('backup-none')).toBeVisible();
  await expect(page.getByTestId('backup-reminder')).toBeVisible();

  // In a browser the backup downloads (a zip of the encrypted package): the page never names a folder.
  await expect(page.getByTestId('backup-folder-download')).toBeVisible();
  await page.getByTestId('backup-pass1').fill('correct horse');
  await page.getByTestId('backup-pass2').fill('correct hors');
  await expect(page.getByTestId('backup-create')).toBeDisabled();
  await page.getByTestId('backup-pass2').fill('correct horse');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-create').click()]);
  await expect(page.getByTestId('backup-created')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('backup-last')).toContainText('chief');
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
  expect(download.suggestedFilename()).toMatch(/^safetynet-backup-.*\.zip$/);
  const zip = path.join(host.dir, download.suggestedFilename());
  await download.saveAs(zip);
  expect(fs.readFileSync(zip).subarray(0, 2).toString()).toBe('PK');
  await shot('settings-backup');

  // Restore (the zip uploaded) asks once, saying what will happen.
  await page.getByTestId('restore-file').setInputFiles(zip);
  await expect(page.getByTestId('restore-chosen')).toHaveText(download.suggestedFilename());
  await page.getByTestId('restore-pass').fill('correct horse');
  await page.getByTestId('restore-check').click();
  await expect(page.getByTestId('restore-confirm-text')).toContainText('将被');
  await expect(page.getByTestId('restore-confirm-text')).toContainText('chief');
  await shot('settings-restore-confirm');
  await page.getByTestId('restore-confirm').click();
  // A restore takes two people: the first manager confirms it with the passphrase (docs/security.md).
  await confirmLatest(page, 'backup.restore', 'correct horse');
  await expect(page.getByTestId('restore-done')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('restore-relogin').click();
  await login.login('chief', 'secret1');

  // The working-day calendar.
  await settings.open();
  await page.getByTestId('tab-calendar').click();
  await expect(page.getByTestId('settings-calendar')).toBeVisible();
  const year = String(new Date().getFullYear());
  await page.getByTestId('cal-year').selectOption(year);
  await expect(page.getByTestId('cal-empty')).toBeVisible();
  const csv = `日期,类型,名称\r\n${year}-10-01,休,国庆节\r\n${year}-10-02,休,国庆节\r\n${year}-10-11,班,国庆调休\r\n`;
  await page.getByTestId('cal-file').setInputFiles({ name: 'calendar.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByTestId('cal-imported')).toBeVisible();
  await expect(page.getByTestId('cal-row')).toHaveCount(3);
  await expect(page.locator('[data-testid="cal-row"][data-kind="workday"]')).toContainText(`${year}-10-11`);
  await shot('settings-calendar');
});
