/**
 * The recovery key in the browser (docs/security.md): the set-up wizard shows the recovery sheet
 * with this database's key and office and finishes only once it is confirmed kept; a database
 * copied to another computer opens there only after its recovery key is typed on the page that
 * asks for it — a wrong one is refused next to the field.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect, startHost, ROOT } from '../fixtures';
import { LoginPage } from '../pages';
import { E2E_DIRECTOR, e2ePassword } from '../people';

test('the set-up wizard shows the recovery sheet and waits for it to be kept', async ({ page, host, shot }) => {
  const p = page;
  await p.getByTestId('setup-office-name').fill('城关镇民政办');
  await p.getByTestId('setup-county').fill('示范县');
  await p.getByTestId('setup-region-code').fill('130123');
  await p.getByTestId('setup-next').click();
  await p.getByTestId('setup-username').fill('chief');
  await p.getByTestId('setup-display-name').fill('王主任');
  await p.getByTestId('setup-password').fill(e2ePassword('secret1'));
  await p.getByTestId('setup-confirm').fill(e2ePassword('secret1'));
  // The first manager beside the administrator (two people: docs/security.md).
  await p.getByTestId('setup-manager-username').fill(E2E_DIRECTOR.username);
  await p.getByTestId('setup-manager-display-name').fill(E2E_DIRECTOR.displayName);
  await p.getByTestId('setup-manager-password').fill(e2ePassword(E2E_DIRECTOR.password));
  await p.getByTestId('setup-manager-confirm').fill(e2ePassword(E2E_DIRECTOR.password));
  await p.getByTestId('setup-next').click();
  await p.getByTestId('setup-empty').check();
  await p.getByTestId('setup-next').click();
  const key = fs.readFileSync(path.join(host.dir, 'safetynet.db.key'), 'utf8').trim();
  const sheet = p.frameLocator('[data-testid="setup-recovery-preview"]');
  for (const group of key.split('-')) await expect(sheet.locator('body')).toContainText(group);
  await expect(sheet.locator('body')).toContainText('城关镇民政办');
  // The reason is shown before anything is asked; Enter does not finish either.
  await expect(p.getByTestId('setup-finish')).toBeDisabled();
  await expect(p.getByTestId('setup-recovery-needed')).toBeVisible();
  await shot('setup-recovery-sheet');
  const download = p.waitForEvent('download');
  await p.getByTestId('setup-recovery-pdf').click();
  expect((await download).suggestedFilename()).toMatch(/^数据库恢复密钥单-\d{4}-\d{2}-\d{2}\.pdf$/);
  await p.getByTestId('setup-recovery-kept').check();
  await p.keyboard.press('Enter');
  await expect(p.getByTestId('login-page')).toBeVisible({ timeout: 30_000 });
});

test('a database copied to another computer opens there with its recovery key', async ({ browser }) => {
  test.setTimeout(120_000);
  // Made on one computer (the demo county through the command line), copied to another without its key.
  const made = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-e2e-'));
  const cli = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin', 'safetynet.mjs'), 'demo', '--households', '20', '--db', path.join(made, 'safetynet.db')],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  expect(cli.status, cli.stderr).toBe(0);
  const key = fs.readFileSync(path.join(made, 'safetynet.db.key'), 'utf8').trim();
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-e2e-'));
  fs.copyFileSync(path.join(made, 'safetynet.db'), path.join(other, 'safetynet.db'));
  const { host, child } = await startHost(other);
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => localStorage.setItem('safetynet.lang', 'zh'));
    await page.goto(host.openUrl);
    await expect(page.getByTestId('recovery-key-page')).toBeVisible();
    await expect(page.getByTestId('recovery-key-page')).toContainText('此数据库需要恢复密钥');
    await page.getByTestId('recovery-key-input').fill('AAAAAA-BBBBBB-CCCCCC-DDDDDD-EEEEEE-FFFFFF');
    await page.keyboard.press('Enter');
    await expect(page.getByText('该恢复密钥无法打开数据库')).toBeVisible();
    expect(fs.existsSync(path.join(other, 'safetynet.db.key'))).toBe(false);
    // Typed as read aloud: lower case, spaces for dashes.
    await page.getByTestId('recovery-key-input').fill(key.toLowerCase().replaceAll('-', ' '));
    await page.getByTestId('recovery-key-submit').click();
    // The demo county's office, as made on the first computer.
    await expect(new LoginPage(page).demoNotice()).toBeVisible();
    await new LoginPage(page).login('admin', 'demo');
    expect(fs.readFileSync(path.join(other, 'safetynet.db.key'), 'utf8').trim()).toBe(key);
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(made, { recursive: true, force: true });
  }
});
