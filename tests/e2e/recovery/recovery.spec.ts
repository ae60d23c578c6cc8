/**
 * Recovery of overpaid benefits through the screens (docs/rules/temporary-service-recovery.md §13):
 * a person paid this month and next (both closed) is found dead, dated this month, in the
 * public-security file brought through the import wizard; the import flags the overpayment; the
 * clerk corrects the household and proposes a determination with the fact; the manager's approval
 * opens the case — this month kept, next month recovered from the estate; the notice is printed
 * (pdftotext) and a repayment recorded, lowering the household's balance.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, idNumber, setupEmptyAndLogin, api } from '../fixtures';
import { ExchangeScreen } from '../exchange/pages';
import { RecoveryTab, todayLocal } from '../services/pages';

const person = idNumber('110105', '1944-10-12', '135');

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

test('a death imported late opens a recovery case; its notice is printed and a repayment recorded', async ({
  page,
  login,
  setup,
  shell,
  settings,
  shot,
}) => {
  test.setTimeout(240_000);
  const rc = new RecoveryTab(page);
  const month = todayLocal().slice(0, 7);
  await setupEmptyAndLogin({ setup, login });
  await settings.open();
  await settings.createUser({ username: 'clerk1', displayName: '陈经办', role: 'clerk', password: 'pass1' });
  await settings.createUser({ username: 'manager1', displayName: '王审核', role: 'manager', password: 'pass2' });
  // Taken over from the earlier system at 1,075 yuan a month, paid this month and next (both closed).
  const { id: hid } = await api(page, 'households.create', {
    household: {
      residence: 'urban',
      area: { township: '城关镇', village: '南街社区' },
      address: '南街 5 号',
      members: [{ idNumber: person, name: '孙秀兰', relation: 'head', status: 'present' }],
      current: { tier: 'tekun', monthlyBenefit: 1075 },
    },
  });
  await shell.logout();
  await login.login('manager1', 'pass2');
  await api(page, 'payments.close', { month });
  await api(page, 'payments.close', { month: nextMonth(month) });
  await shell.logout();

  // The clerk imports the public-security file: the death, dated the first of this month.
  await login.login('clerk1', 'pass1');
  const ex = new ExchangeScreen(page);
  await ex.open();
  const csv = ['身份证号码,姓名,死亡日期,事件', `${person},孙秀兰,${month}-01,死亡`].join('\r\n');
  await ex.chooseFile('公安死亡数据.csv', Buffer.from(csv, 'utf8'));
  await expect(page.getByTestId('ex-source-public_security_deaths')).toBeChecked();
  await ex.next();
  await ex.waitStep('mapping');
  await ex.next();
  await ex.waitStep('preview');
  await ex.next();
  await ex.waitStep('report');
  await page.getByTestId('ex-import').click();
  await ex.waitDone();
  await expect(ex.count('ex-s-warnings')).toHaveText('1');

  // The household's recovery tab: the fact, and the month paid after it.
  await rc.open(hid);
  const fact = rc.facts().first();
  await expect(fact).toHaveAttribute('data-kind', 'death');
  await expect(fact).toContainText(`${month}-01`);
  await expect(fact).toContainText(nextMonth(month));
  await expect(fact).toContainText('公安死亡数据.csv');
  await shot('recovery-fact');
  // The registry first: she died.
  const h = await api(page, 'households.get', { id: hid });
  await api(page, 'households.update', {
    id: hid,
    version: h.version,
    household: { ...h.household, members: h.household.members.map((m) => ({ ...m, status: 'deceased' as const })) },
  });
  const factId = Number(await fact.getAttribute('data-id'));
  await page.getByTestId(`rc-fact-propose-${factId}`).click();
  await expect(page.getByTestId('rc-propose-confirm')).toContainText(nextMonth(month));
  await page.getByTestId('rc-propose-go').click();
  await expect(fact).toContainText('已据此申报');
  await shell.logout();

  // The manager approves: the case opens.
  await login.login('manager1', 'pass2');
  const pending = await api(page, 'determinations.pending', {});
  const det = pending.find((d) => d.householdId === hid)!;
  expect(det.tier).toBe('none');
  await api(page, 'determinations.decide', { id: det.id, decision: 'approved', reason: '对象已死亡，停发并追回多发资金' });
  await shell.logout();

  await login.login('clerk1', 'pass1');
  await rc.open(hid);
  const c = rc.cases().first();
  await expect(c).toHaveAttribute('data-status', 'open');
  await expect(c).toContainText('追缴〔');
  await expect(c.getByTestId('rc-month')).toHaveCount(1);
  await expect(c.locator(`[data-testid="rc-month"][data-month="${nextMonth(month)}"]`)).toContainText('1,075.00 元');
  await expect(c).toContainText('遗产继承人');
  await expect(rc.balance()).toHaveAttribute('data-fen', '107500');
  // A clerk records repayments; waivers and deductions are a manager's, disabled with the reason.
  await expect(c.getByTestId('rc-waive')).toBeDisabled();
  await expect(c.getByTestId('rc-deduct')).toBeDisabled();
  await shot('recovery-case');

  await c.getByTestId('rc-notice').click();
  await expect(page.getByTestId('rc-nt-preview')).toBeVisible({ timeout: 20_000 });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('rc-nt-pdf').click()]);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'recovery-e2e-'));
  const file = path.join(tmp, 'notice.pdf');
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  expect(text).toContain('多发社会救助资金追回通知书');
  expect(text).toContain('孙秀兰（已故）的遗产继承人');
  expect(text).toContain('社会救助暂行办法');
  const line = text
    .split('\n')
    .find((l) => l.includes(`${nextMonth(month).slice(0, 4)}年${Number(nextMonth(month).slice(5))}月`) && l.includes('1,075.00'));
  expect(line, 'the overpaid month in the notice').toBeTruthy();
  expect(text).toMatch(/第\s*1\s*页\s*共\s*1\s*页/);
  await page.keyboard.press('Escape');

  await c.getByTestId('rc-repay').click();
  await page.getByTestId('rc-r-date').fill(todayLocal());
  await page.getByTestId('rc-r-amount').fill('500');
  await page.getByTestId('rc-r-note').fill('继承人现金退还');
  await page.keyboard.press('Control+s');
  await expect(rc.balance()).toHaveAttribute('data-fen', '57500');
  await expect(c.getByTestId('rc-entry')).toContainText('500.00 元');
  await shot('recovery-repaid');
});
