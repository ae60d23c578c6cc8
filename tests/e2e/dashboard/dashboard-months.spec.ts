/**
 * The dashboard on the demo county shows real numbers (the service's own summary) and charts;
 * the months tab closes the open month after saying what will happen; a clerk prints only a
 * household's chain. Screenshots of each screen in both languages.
 */
import { test, expect, api } from '../fixtures';
import { call, LoopReports } from '../referrals/pages';
import { formatFen } from '../../../src-main/common/money';

const DEMO = {
  office: { name: '演示县民政局', county: '演示县', regionCode: '999999' },
  admin: { username: 'boss', displayName: '管理员甲', password: 'secret1' },
  demo: true,
  demoHouseholds: 150,
};

test('dashboard figures and charts, months and the change list, closing a month', async ({ page, setup, login, shell, shot }) => {
  test.setTimeout(180_000);
  await setup.complete(DEMO);
  await login.login('manager', 'demo');
  const s = await api(page, 'dashboard.summary', {});
  expect(s.total.recipients).toBeGreaterThan(0);
  expect(s.trend.length).toBeGreaterThan(0);

  await expect(page.getByTestId('dashboard-page')).toBeVisible();
  await expect(page.getByTestId('dash-households')).toHaveText('150');
  await expect(page.getByTestId('dash-recipients')).toHaveText(String(s.total.recipients));
  await expect(page.getByTestId('dash-persons')).toHaveText(String(s.total.persons));
  await expect(page.getByTestId('dash-spending')).toHaveText(`${formatFen(s.total.amountFen)} 元`);
  for (const [tier, f] of Object.entries(s.byTier)) {
    await expect(page.locator(`[data-testid="dash-tier-row"][data-tier="${tier}"]`)).toContainText(`${formatFen(f.amountFen)} 元`);
  }
  // Charts drawn from the closed months (recharts renders SVG lines and bars).
  await expect(page.getByTestId('chart-recipients').locator('.recharts-line').first()).toBeVisible();
  await expect(page.getByTestId('chart-spending').locator('.recharts-bar-rectangle').first()).toBeVisible();
  const m = /^(\d{4})-(\d{2})$/.exec(s.trend[s.trend.length - 1].month)!;
  await expect(page.getByTestId('chart-recipients')).toContainText(`${m[1]}年${Number(m[2])}月`);
  // Referrals by department and status, queue figures.
  const byDept = new Map<string, number>();
  for (const r of s.referrals.byDepartmentStatus) byDept.set(r.department, (byDept.get(r.department) ?? 0) + r.n);
  expect(byDept.size).toBeGreaterThan(0);
  await expect(page.getByTestId('dash-referral-row')).toHaveCount(byDept.size);
  await expect(page.getByTestId('q-referrals-overdue')).toHaveAttribute('data-value', String(s.queue.overdueReferrals));
  await expect(page.getByTestId('q-proposals')).toHaveAttribute('data-value', /\d+/);
  // The monitoring counts come from the exchange backend when present.
  await expect(page.getByTestId('q-warnings-mine').or(page.getByTestId('q-monitoring-missing'))).toBeVisible();
  await shot('dashboard-zh');
  await shell.setLanguage('en');
  await expect(page.getByTestId('dash-county')).toContainText('County figures');
  await shot('dashboard-en');
  await shell.setLanguage('zh');

  // Overdue referrals escalate to the manager (once).
  await page.getByTestId('nav-referrals').click();
  await page.getByTestId('ref-filter-overdue').check();
  await expect(page.getByTestId('referral-overdue').first()).toBeVisible();
  await page.getByTestId('ref-escalate').click();
  await expect(page.getByText(`已将 ${s.queue.overdueReferrals} 条逾期转介上报审核人员。`)).toBeVisible();
  await expect(page.getByTestId('referral-row').first().getByText('已上报')).toBeVisible();
  await shot('referrals-overdue');

  // Months: the open month first, then the closed ones; the change list against the previous month.
  const reports = new LoopReports(page);
  await reports.open();
  await page.getByTestId('reports-tab-months').click();
  const open = page.locator('[data-testid="month-row"][data-closed="false"]');
  await expect(open).toHaveCount(1);
  const month = (await open.getAttribute('data-month'))!;
  await expect(page.locator('[data-testid="month-row"][data-closed="true"]').first()).toBeVisible();
  await expect(page.getByTestId('change-list')).toBeVisible();
  await shot('reports-months');
  await open.getByTestId('month-close').click();
  await expect(page.getByTestId('close-text')).toContainText('锁定');
  await expect(page.getByTestId('close-text')).toContainText('下月的调整');
  await page.getByTestId('close-confirm').click();
  await expect(page.locator(`[data-testid="month-row"][data-month="${month}"]`)).toHaveAttribute('data-closed', 'true');
  await expect(page.locator('[data-testid="month-row"][data-closed="false"]')).toHaveCount(1);
  const after = await api(page, 'payments.months', {});
  expect(after.find((x) => x.month === month)?.closed).toBe(true);

  // The change list of a closed month whose roster changed (recipients differ from the month before), English.
  const changed = after.find((x, i) => i + 1 < after.length && x.closed && x.recipients !== after[i + 1].recipients)!;
  expect(changed).toBeTruthy();
  await shell.setLanguage('en');
  await page.locator(`[data-testid="month-row"][data-month="${changed.month}"]`).click();
  await expect(page.getByTestId('change-list')).toContainText('Change list');
  await expect(page.getByTestId('change-row').first()).toBeVisible();
  await shot('reports-months-en');
});

test('a clerk: dashboard queue, chain report only, referrals and charity tabs', async ({ page, setup, login, shot }) => {
  test.setTimeout(150_000);
  await setup.complete(DEMO);
  await login.login('clerk', 'demo');
  await expect(page.getByTestId('dash-recipients')).toHaveText(/^[1-9]\d*$/);
  await expect(page.getByTestId('q-proposals')).toBeVisible();

  // Referrals from the demo history, filtered by department and status.
  await page.getByTestId('nav-referrals').click();
  await expect(page.getByTestId('referral-row').first()).toBeVisible();
  await page.getByTestId('ref-filter-status').selectOption('completed');
  await expect(page.getByTestId('referral-row').first()).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('ref-escalate')).toHaveCount(0); // managers escalate
  await page.getByTestId('ref-filter-status').selectOption('');
  // By township: the first row's township, then every row listed is of it.
  const townships = async () => [
    ...new Set(await page.getByTestId('referral-row').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-township')))),
  ];
  await expect.poll(async () => (await townships()).length).toBeGreaterThan(0);
  const township = (await page.getByTestId('referral-row').first().getAttribute('data-township'))!;
  const everywhere = await page.getByTestId('ref-total').textContent();
  await page.getByTestId('ref-filter-township').selectOption({ label: township });
  await expect.poll(async () => page.getByTestId('ref-total').textContent()).not.toBe(everywhere);
  await expect.poll(townships).toEqual([township]);
  await page.getByTestId('ref-filter-township').selectOption('');
  // A result answered by letter, recorded by hand on an overdue referral.
  await page.getByTestId('ref-filter-overdue').check();
  // The unfiltered page stays on screen until the overdue one arrives: wait for it.
  await expect
    .poll(async () => [
      ...new Set(await page.getByTestId('referral-row').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-overdue')))),
    ])
    .toEqual(['1']);
  const overdueRow = page.getByTestId('referral-row').first();
  const number = (await overdueRow.getAttribute('data-number'))!;
  await overdueRow.getByTestId('referral-ack').click();
  await expect(page.locator(`[data-testid="referral-row"][data-number="${number}"]`)).toHaveAttribute('data-status', 'acknowledged');
  await page.locator(`[data-testid="referral-row"][data-number="${number}"]`).getByTestId('referral-record').click();
  await page.getByTestId('result-kind').selectOption('not_eligible');
  await page.getByTestId('result-reason').fill('已享受同类救助');
  await page.getByTestId('result-save').click();
  await page.getByTestId('ref-filter-overdue').uncheck();
  await expect(page.locator(`[data-testid="referral-row"][data-number="${number}"]`)).toHaveAttribute('data-status', 'declined');
  await expect(page.locator(`[data-testid="referral-row"][data-number="${number}"]`).getByTestId('referral-result')).toContainText(
    '不符合条件',
  );
  await page.getByTestId('referrals-tab-charity').click();
  await expect(page.getByTestId('org-row').first()).toBeVisible();
  await expect(page.getByTestId('org-create')).toHaveCount(0);
  await shot('referrals-charity-clerk');

  // Reports: a clerk prints a household's chain.
  const roster = await call(page, 'payments.roster', {
    month: (await call(page, 'payments.months', {}))[1].month,
    pageSize: 10,
  });
  const hid = roster.rows[0].householdId;
  await page.evaluate((id) => {
    window.location.hash = `#/households/${id}`;
  }, hid);
  await page.getByTestId('tab-chain').click();
  await expect(page.locator('[data-testid="chain-event"][data-kind="payment"]').first()).toBeVisible();
  await page.getByTestId('chain-print').click();
  const reports = new LoopReports(page);
  await expect(page.getByTestId('rep-kind')).toHaveValue('chain');
  await expect(page.getByTestId('rep-kind').locator('option')).toHaveCount(1);
  await expect(reports.preview().locator('body')).toContainText('一户一救助链', { timeout: 30_000 });
  await expect(reports.preview().locator('body')).toContainText(roster.rows[0].headName);
  await shot('reports-chain-clerk');
});
