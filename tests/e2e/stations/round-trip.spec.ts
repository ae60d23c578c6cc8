/**
 * One registry over USB sticks (docs/stations.md): a township clerk's application goes up, a county
 * manager approves it, it comes down and shows as decided at the township; then the same household
 * edited at both levels is a conflict, resolved field by field on the Conflicts page.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { test, expect, idNumber, setupEmptyAndLogin, api, sampleHousehold, startHost, ROOT } from '../fixtures';
import { LoginPage } from '../pages';
import { confirmLatest, E2E_ADMIN, e2ePassword, remember } from '../people';
import { StationsPage } from './pages';

test('an application goes up, is approved at the county, comes down decided; a conflict is resolved field by field', async ({
  page,
  setup,
  login,
  shell,
  host,
  shot,
}) => {
  test.setTimeout(240_000);
  const county = new StationsPage(page);
  const sticks = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-usb-'));
  // The county: accounts, a household of 城关镇, the county station, and the township enrolled (its package downloaded).
  await setupEmptyAndLogin({ setup, login });
  for (const [username, role] of [
    ['mgr1', 'manager'],
    ['mgr2', 'manager'],
    ['clerkc', 'clerk'],
    ['clerkt', 'clerk'],
  ] as const) {
    // Asked by the first manager, confirmed by the administrator (docs/security.md "Roles and the two-person rule").
    await api(page, 'users.create', { username, displayName: username, role, password: e2ePassword('pass1') });
    remember(page, username, role, e2ePassword('pass1'));
    await confirmLatest(page, 'user.create');
  }
  const existing = await api(page, 'households.create', { household: sampleHousehold(idNumber('110105', '1950-01-01', '101'), '钱老汉') });
  // Workstations are the system's: the administrator sets them up and enrols them (docs/security.md "Roles and the two-person rule").
  await shell.logout();
  await login.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await county.open();
  await page.getByTestId('st-setup-name').fill('示范县县级工作站');
  await page.getByTestId('st-setup').click();
  await expect(page.getByTestId('st-self')).toHaveAttribute('data-level', 'county');
  await page.getByTestId('st-enrol-township').fill('城关镇');
  await page.getByTestId('st-enrol-name').fill('城关镇工作站');
  await page.getByTestId('st-enrol-users').fill('clerkt');
  await page.getByTestId('st-enrol-pass').fill('usb-passphrase');
  await page.getByTestId('st-enrol-pass2').fill('usb-passphrase');
  const enrolZip = await county.download('st-enrol-go', sticks);
  await expect(page.getByTestId('st-enrolled')).toContainText('1');

  // The township workstation starts from the enrolment package (command line), then runs its own host.
  const townDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-town-'));
  const join = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin', 'safetynet.mjs'), 'station', 'join', enrolZip, '--db', path.join(townDir, 'safetynet.db')],
    {
      env: { ...process.env, SAFETYNET_PASSPHRASE: 'usb-passphrase' },
      encoding: 'utf8',
    },
  );
  expect(join.status, join.stderr).toBe(0);
  const town = await startHost(townDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const tpage = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await tpage.addInitScript(() => localStorage.setItem('safetynet.lang', 'zh'));
    await tpage.goto(town.host.openUrl);
    const tlogin = new LoginPage(tpage);
    const tstations = new StationsPage(tpage);
    await tlogin.login('clerkt', 'pass1');
    // A township clerk takes an application; it goes up in the next package.
    const app = await api(tpage, 'households.create', { household: sampleHousehold(idNumber('110105', '1962-02-02', '201'), '孙申请') });
    await tstations.open();
    await expect(tpage.getByTestId('st-unsent')).toContainText('1');
    const up1 = await tstations.exportPackage(sticks);

    // The county imports it (verify → preview → apply); a manager approves the proposal.
    await shell.logout();
    await login.login('clerkc', 'pass1');
    expect(await county.importPackage(up1)).toContain('1');
    const rows = await api(page, 'households.list', {});
    const arrived = rows.rows.find((r) => r.headName === '孙申请');
    expect(arrived).toBeTruthy();
    const proposal = await api(page, 'determinations.propose', { householdId: arrived!.id });
    await shell.logout();
    await login.login('mgr1', 'pass1');
    await api(page, 'determinations.decide', { id: proposal.id, decision: 'approved', reason: '经核查符合条件' });
    const down1 = await county.exportPackage(sticks);

    // The township imports it and sees the case decided.
    await tstations.importPackage(down1);
    await tstations.open();
    await expect(tpage.getByTestId('st-decision')).toHaveAttribute('data-decision', 'approved');
    const decided = await api(tpage, 'households.get', { id: app.id });
    expect(decided.household.current).not.toBeNull();

    // The same household edited at both levels: one conflict at the county, resolved field by field.
    const tOld = await api(tpage, 'households.list', {});
    const tId = tOld.rows.find((r) => r.headName === '钱老汉')!.id;
    const th = await api(tpage, 'households.get', { id: tId });
    await api(tpage, 'households.update', { id: tId, version: th.version, household: { ...th.household, address: '乡镇核实的新地址' } });
    const ch = await api(page, 'households.get', { id: existing.id });
    await api(page, 'households.update', { id: existing.id, version: ch.version, household: { ...ch.household, residence: 'urban' } });
    const up2 = await tstations.exportPackage(sticks);
    await shell.logout();
    await login.login('clerkc', 'pass1');
    expect(await county.importPackage(up2)).toContain('冲突');
    await shell.logout();
    await login.login('mgr2', 'pass1');
    await county.open('conflicts');
    await page.locator('[data-kind="household"]').first().click();
    await expect(page.getByTestId('conflict-field-address')).toBeVisible();
    await expect(page.getByTestId('conflict-field-residence')).toBeVisible();
    // Both versions in words: the township's address as typed, urban/rural by name, no JSON quotes and no codes.
    await expect(page.getByTestId('conflict-field-address').getByTestId('conflict-township')).toHaveText('乡镇核实的新地址');
    await expect(page.getByTestId('conflict-field-residence').getByTestId('conflict-county')).toHaveText('城镇');
    await expect(page.getByTestId('conflict-fields')).not.toContainText('"');
    await expect(page.getByTestId('conflict-fields')).not.toContainText('urban');
    await page.getByTestId('pick-address-township').check();
    await shot('stations-conflict');
    await page.getByTestId('take-fields').click();
    await page.getByTestId('conflict-confirm-yes').click();
    await expect(page.getByTestId('conflict-resolved')).toBeVisible();
    await expect(page.getByTestId('conflicts-none')).toBeVisible();
    const merged = await api(page, 'households.get', { id: existing.id });
    expect(merged.household.address).toBe('乡镇核实的新地址');
    expect(merged.household.residence).toBe('urban');

    // The resolution reaches the township in the next package.
    const down2 = await county.exportPackage(sticks);
    await tstations.importPackage(down2);
    const after = await api(tpage, 'households.get', { id: tId });
    expect(after.household.residence).toBe('urban');
    expect(after.household.address).toBe('乡镇核实的新地址');
    void host;
  } finally {
    await browser.close();
    town.child.kill('SIGTERM');
    fs.rmSync(sticks, { recursive: true, force: true });
  }
});
