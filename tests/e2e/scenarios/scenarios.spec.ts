import fs from 'node:fs';
import { test, expect, api } from '../fixtures';
import { ScenariosPage } from '../pages-scenarios';
import { confirmLatest, e2ePassword, remember } from '../people';

test('scenarios: a manager drafts and runs two, compares them, exports the list, prints the summary and asks to adopt; another manager confirms it in Settings → Requests', async ({
  page,
  setup,
  login,
  shell,
  shot,
}) => {
  test.setTimeout(180_000);
  const sc = new ScenariosPage(page);
  await setup.complete({
    office: { name: '演示县民政局', county: '演示县', regionCode: '999999' },
    admin: { username: 'boss', displayName: '管理员甲', password: 'secret1' },
    demo: true,
    demoHouseholds: 150,
  });
  await login.login('boss', 'secret1');
  // A second manager: asked by the administrator, confirmed by the first manager (docs/security.md "Roles and the two-person rule").
  await api(page, 'users.create', { username: 'deputy', displayName: '副局长', role: 'manager', password: e2ePassword('secret9') });
  remember(page, 'deputy', 'manager', e2ePassword('secret9'));
  await confirmLatest(page, 'user.create');
  await shell.logout();

  // A clerk sees that the screen is for managers.
  await login.login('clerk', 'demo');
  await shell.go('scenarios');
  await expect(page.getByTestId('scenarios-readonly')).toBeVisible();
  await shell.logout();

  await login.login('manager', 'demo');
  await sc.open();
  // A draft without a name says so next to the field.
  await page.getByTestId('scenario-name').fill('');
  await sc.run().click();
  await expect(page.getByTestId('scenario-draft')).toContainText('请为方案命名');
  await expect(page.getByTestId('scenario-in-force').first()).toContainText('600');

  // The demo county's two drafts: one opens in the form, ready to run.
  await expect(page.getByTestId('scenario-draft-open')).toHaveCount(2);
  await page.getByTestId('scenario-draft-open').nth(1).click();
  await expect(page.getByTestId('scenario-name')).toHaveValue(/低保边缘倍数/);
  await expect(page.getByTestId('scenario-value').first()).toHaveValue('1.6');

  // First scenario, run from the keyboard (Ctrl+S).
  await sc.draft('农村标准 650', [['dibao.standard', 'rural', '650']]);
  await page.getByTestId('scenario-value').first().press('Control+s');
  const first = await sc.waitDone();
  await expect(page.getByTestId('scenario-kinds')).toBeVisible();
  await expect(page.getByTestId('scenario-monthly-delta')).toContainText('+');
  await expect(page.getByTestId('scenario-cost-tier')).toContainText('合计');
  await expect(page.getByTestId('scenario-deltas')).toBeVisible();

  // Second scenario.
  await sc.draft('城乡标准 700', [['dibao.standard', 'both', '700']]);
  await sc.run().click();
  const second = await sc.waitDone();
  expect(second).toBeGreaterThan(first);
  await shot('scenarios');

  // Side by side.
  await sc.runRow(first).getByTestId('scenario-pick').check();
  await sc.runRow(second).getByTestId('scenario-pick').check();
  await page.getByTestId('scenario-compare-open').click();
  await expect(page.getByTestId('scenario-compare-col')).toHaveCount(2);
  await expect(page.getByTestId('scenario-compare-table')).toContainText('城乡标准 700');

  // The first run: its list sorted by the change, largest first, on the server; exported.
  await sc.runRow(first).click();
  await expect(page.getByTestId('scenario-view')).toHaveAttribute('data-run', String(first));
  await expect(sc.rows().first()).toBeVisible();
  await page.getByTestId('sort-deltaFen').click();
  await page.getByTestId('sort-deltaFen').click();
  await expect
    .poll(async () => {
      const d = (await sc.rows().evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-delta'))))).slice(0, 10);
      return d.length > 1 && d.every((x, i) => i === 0 || d[i - 1] >= x);
    })
    .toBe(true);
  await sc.rows().first().getByTestId('scenario-reasons-toggle').click();
  await expect(page.getByTestId('scenario-reasons').first()).toBeVisible();
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scenario-export').click()]);
  expect(xlsx.suggestedFilename()).toBe(`scenario-${first}.xlsx`);
  expect(
    fs
      .readFileSync((await xlsx.path())!)
      .subarray(0, 2)
      .toString('latin1'),
  ).toBe('PK');

  // The A4 summary.
  const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('scenario-print').click()]);
  expect(pdf.suggestedFilename()).toBe(`scenario-${first}.pdf`);
  expect(
    fs
      .readFileSync((await pdf.path())!)
      .subarray(0, 4)
      .toString('latin1'),
  ).toBe('%PDF');

  // Asked by this manager: a two-person request, shown on the scenario page with a link to it.
  await page.getByTestId('scenario-adopt').click();
  await page.getByTestId('scenario-adopt-confirm').click();
  const adoption = page.getByTestId('scenario-adoption');
  await expect(adoption).toHaveAttribute('data-status', 'pending');
  await expect(adoption).toContainText('待确认');
  await expect(page.getByTestId('scenario-adopt')).toHaveCount(0);
  const requestId = Number(await adoption.getAttribute('data-request'));
  // In the Requests tab the asker may not confirm it: the reason is shown before any click.
  await page.getByTestId('scenario-request-link').click();
  const row = page.getByTestId(`request-row-${requestId}`);
  await expect(row).toHaveAttribute('data-focus', 'true');
  await expect(row).toHaveAttribute('data-kind', 'scenario.adopt');
  await expect(row).toContainText('低保标准（农村） 650 元');
  await expect(page.getByTestId(`request-confirm-${requestId}`)).toBeDisabled();
  await expect(page.getByTestId(`request-why-${requestId}`)).toContainText('另一人');
  await shell.logout();

  // Another manager confirms it from the requests list; the parameter is in force from the scenario's date.
  await login.login('deputy', 'secret9');
  await shell.go('settings');
  await page.getByTestId('tab-requests').click();
  await page.getByTestId(`request-confirm-${requestId}`).click();
  await expect(page.getByTestId('rq-what')).toContainText(`#${first}`);
  await page.getByTestId('rq-go').click();
  await expect(page.getByTestId(`request-row-${requestId}`)).toHaveAttribute('data-status', 'confirmed');
  await sc.open();
  await sc.runRow(first).click();
  await expect(page.getByTestId('scenario-adoption')).toHaveAttribute('data-status', 'confirmed');
  await expect(page.getByTestId('scenario-adoption')).toContainText('deputy');
  await expect(sc.runRow(first).getByTestId('scenario-row-adoption')).toContainText('已采纳');
  const date = (await page.getByTestId('scenario-run-title').textContent())!.match(/\d{4}-\d{2}-\d{2}/)![0];
  const inForce = await api(page, 'parameters.inForce', { date });
  expect(inForce.values.rural['dibao.standard']).toBe(65_000);

  // Budget mode from July: the monthly budget shown with the year's and the rest of the year's (6 months).
  await page.getByTestId('scenario-name').fill('七月预算');
  await page.getByTestId('scenario-date').fill('2027-07-01');
  await page.getByTestId('scenario-value').first().fill('');
  await page.getByTestId('scenario-budget-on').check();
  await page.getByTestId('scenario-budget').fill('100000');
  await sc.run().click();
  await sc.waitDone(120_000);
  await expect(page.getByTestId('scenario-budget-annual')).toContainText('全年 1,200,000.00 元');
  await expect(page.getByTestId('scenario-budget-annual')).toContainText('6 个月 600,000.00 元');
});
