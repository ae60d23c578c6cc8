/**
 * The Temporary screen (docs/rules/temporary-service-recovery.md §11; UX.md): a clerk records small quick
 * assistance from the keyboard alone in under a minute; a county manager records and approves an
 * expenditure case that needs 一事一议, and a second manager confirms it (the first cannot confirm twice);
 * the month's temporary-assistance ledger is saved as a PDF through the report pipeline and read back.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, idNumber, setupEmptyAndLogin, api, sampleHousehold, type Page } from '../fixtures';
import { confirmLatest, e2ePassword, remember } from '../people';

/** An account asked for by the tab's manager and confirmed by the office's administrator; its first login changes the password (docs/security.md "Roles and the two-person rule"). */
async function addUser(page: Page, u: { username: string; displayName: string; role: 'clerk' | 'manager'; password: string }) {
  await api(page, 'users.create', { ...u, password: e2ePassword(u.password) });
  remember(page, u.username, u.role, e2ePassword(u.password));
  await confirmLatest(page, 'user.create');
}
import { TemporaryScreen } from './pages';

const HEAD = idNumber('110105', '1961-03-04', '311');

test('a township clerk records small quick assistance in under a minute, by keyboard only', async ({ page, setup, login, shell, shot }) => {
  await setupEmptyAndLogin({ setup, login });
  await addUser(page, { username: 'clerk1', displayName: '陈经办', role: 'clerk', password: 'pass1' });
  const { id } = await api(page, 'households.create', { household: sampleHousehold(HEAD, '赵大山') });
  await shell.logout();
  await login.login('clerk1', 'pass1');
  const tmp = new TemporaryScreen(page);
  await tmp.open();
  await expect(tmp.quickForm()).toBeVisible();
  await expect(page.getByTestId('tmp-person')).toBeFocused();

  // From here on, the keyboard only.
  const t0 = Date.now();
  await page.keyboard.type(HEAD);
  await expect(page.getByTestId('tmp-person-hit').first()).toContainText('赵大山');
  await page.keyboard.press('Enter'); // takes the person, moves on to the reason
  await expect(page.getByTestId('tmp-picked')).toHaveAttribute('data-household', String(id));
  await expect(page.getByTestId('tmp-reason')).toBeFocused();
  await page.keyboard.press('ArrowDown'); // 火灾 → 自然灾害
  await expect(page.getByTestId('tmp-reason')).toHaveValue('disaster');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tmp-amount')).toBeFocused();
  await page.keyboard.type('580');
  await page.keyboard.press('Control+s');
  await expect(page.getByText(/已记录 LS-\d{4}-000001：580\.00 元，已发放。/)).toBeVisible();
  const elapsed = Date.now() - t0;
  expect(elapsed, `recorded in ${elapsed} ms`).toBeLessThan(60_000);
  test.info().annotations.push({ type: 'quick assistance recorded in', description: `${elapsed} ms` });
  console.log(`quick assistance recorded by keyboard in ${elapsed} ms`);
  // Ready for the next one.
  await expect(page.getByTestId('tmp-person')).toBeFocused();
  await expect(page.getByTestId('tmp-amount')).toHaveValue('');
  await shot('temporary-quick');

  const list = await api(page, 'temporary.list', {});
  expect(list.items).toEqual([
    expect.objectContaining({
      personName: '赵大山',
      householdId: id,
      reason: 'disaster',
      track: 'quick',
      band: 'quick',
      status: 'paid',
      paidFen: 58_000,
      paidFrom: 'standby_fund',
    }),
  ]);
  // Above 1 × S (rural 600) the screen says so next to the amount, and nothing is recorded.
  await page.keyboard.type(HEAD);
  await expect(page.getByTestId('tmp-person-hit').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.type('600.01');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('小额快救最高 600.00 元（1 × S），超过的请按一般程序申请。')).toBeVisible();
  expect((await api(page, 'temporary.list', {})).total).toBe(1);
});

test('a county manager decides an expenditure case needing 一事一议; the first cannot confirm twice, a second manager approves', async ({
  page,
  setup,
  login,
  shell,
  shot,
}) => {
  test.setTimeout(150_000);
  await setupEmptyAndLogin({ setup, login });
  await addUser(page, { username: 'mgr1', displayName: '李审核', role: 'manager', password: 'pass1' });
  await addUser(page, { username: 'mgr2', displayName: '王分管', role: 'manager', password: 'pass1' });
  const h = sampleHousehold(HEAD, '赵大山');
  const household = {
    ...h,
    members: [{ ...h.members[0], monthlyIncome: [{ type: 'pension' as const, amount: 500 }] }],
    current: { tier: 'dibao' as const, monthlyBenefit: 100, gradualExitSince: null },
  };
  const { id } = await api(page, 'households.create', { household });
  await shell.logout();

  // mgr1 starts the case from the household page, and sees it computed while typing.
  await login.login('mgr1', 'pass1');
  await page.evaluate((id) => (location.hash = `#/households/${id}`), id);
  await page.getByTestId('tmp-start').click();
  await expect(page.getByTestId('tmp-picked')).toHaveAttribute('data-household', String(id));
  await page.getByTestId('tmp-kind').selectOption('expenditure');
  await page.getByTestId('tmp-spending').fill('40000');
  const tmp = new TemporaryScreen(page);
  // Dibao (T = 0, r = 50%), rural S = 600: A = 20,000.00 > 10 × S = 6,000.00 → 6,000.00, 一事一议 up to 18,000.00.
  await expect(tmp.assessment()).toHaveAttribute('data-band', 'case_by_case');
  await expect(page.getByTestId('tmp-amount-live')).toHaveText('6,000.00 元');
  await expect(page.getByTestId('tmp-reasons')).toContainText('A = (E 40,000.00 − T 0.00) × 50% = 20,000.00 元');
  await expect(tmp.assessment()).toContainText('需一事一议（两名不同的县级审核人员）');
  await shot('temporary-case-form');
  await page.keyboard.press('Control+s');
  await expect(tmp.drawer()).toHaveAttribute('data-status', 'pending');
  const number = (await tmp.drawer().getAttribute('data-number')) ?? '';

  // The first approval, above the cap (within 30 × S), with the reasons; it asks once before deciding.
  await tmp.approve('大病支出，一事一议', '15000');
  await expect(tmp.drawer()).toHaveAttribute('data-status', 'awaiting_second');
  await expect(page.getByTestId('tmp-approve')).toBeDisabled();
  await expect(page.getByTestId('tmp-decide-why')).toHaveText('您已作第一人审批，须由另一名审核人员确认。');
  await shot('temporary-awaiting-second');
  await page.keyboard.press('Escape');
  await expect(tmp.drawer()).toHaveCount(0);
  await shell.logout();

  // The second manager confirms.
  await login.login('mgr2', 'pass1');
  await tmp.open();
  await tmp.openCase(number);
  await expect(page.getByTestId('tmp-decide-amount')).toHaveValue('15000.00');
  await tmp.approve('同意一事一议');
  await expect(tmp.drawer()).toHaveAttribute('data-status', 'approved');
  await expect(page.getByTestId('tmp-decision')).toHaveCount(2);
  const c = await api(page, 'temporary.list', { q: number });
  expect(c.items[0]).toMatchObject({ status: 'approved', approvedFen: 1_500_000, decidedBy: ['mgr1', 'mgr2'], band: 'case_by_case' });
});

test('the month’s temporary-assistance ledger, saved as a PDF', async ({ page, setup, login, shell, shot }) => {
  await setupEmptyAndLogin({ setup, login });
  await addUser(page, { username: 'mgr1', displayName: '李审核', role: 'manager', password: 'pass1' });
  const { id } = await api(page, 'households.create', { household: sampleHousehold(HEAD, '赵大山') });
  await shell.logout();
  await login.login('mgr1', 'pass1');
  const today = await page.evaluate(() => new Date().toISOString().slice(0, 10));
  const made = await api(page, 'temporary.create', {
    track: 'quick',
    kind: 'emergency',
    reason: 'fire',
    eventDate: today,
    householdId: id,
    requestedFen: 45_000,
  });
  const tmp = new TemporaryScreen(page);
  await tmp.open();
  await tmp.tab('ledger').click();
  await expect(page.getByTestId('tmp-preview')).toBeVisible();
  const pdf = await tmp.savePdf();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmp-ledger-'));
  const file = path.join(dir, pdf.suggestedFilename());
  await pdf.saveAs(file);
  expect(pdf.suggestedFilename()).toBe(`临时救助台账-${today.slice(0, 7)}.pdf`);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('示范县临时救助台账');
  expect(text).toMatch(
    new RegExp(
      `${made.number}\\s+1\\s+赵大山\\s+东街社区\\s+急难型\\s+火灾\\s+小额快救\\s+450\\.00\\s+李审核（县级）\\s+${today}\\s+乡镇备用金`,
    ),
  );
  expect(text).toMatch(/总计 1 笔\s+450\.00/);
  expect(text).toMatch(/制表人：.*审核人：.*负责人：/);
  expect(text).toMatch(/第\s*1\s*页\s*共\s*1\s*页/);
  await shot('temporary-ledger');
  fs.rmSync(dir, { recursive: true, force: true });
});
