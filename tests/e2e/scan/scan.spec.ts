import fs from 'node:fs';
import { test, expect } from '../fixtures';

test('proactive scan on a small demo county: run, progress to done, results by kind, village filter, XLSX export, one-click proposal', async ({
  page,
  setup,
  login,
  shell,
  scan,
  approvals,
  shot,
}) => {
  await setup.complete({
    office: { name: '演示县民政局', county: '演示县', regionCode: '999999' },
    admin: { username: 'boss', displayName: '管理员甲', password: 'secret1' },
    demo: true,
    demoHouseholds: 120,
  });
  // A clerk reads results but cannot run a scan.
  await login.login('clerk', 'demo');
  await scan.open();
  await expect(page.getByTestId('scan-readonly')).toBeVisible();
  await expect(page.getByTestId('scan-run')).toHaveCount(0);
  await shell.logout();

  await login.login('manager', 'demo');
  await scan.open();
  await scan.run();
  await expect(scan.status()).toBeVisible();
  await scan.waitDone();
  await expect(page.getByTestId('scan-progress-text')).toContainText('120 / 120');
  await expect(page.getByTestId('scan-progress')).toBeVisible();

  // Results by kind with counts; the first kind with results is shown.
  const counts = await scan.kindCounts();
  expect(Object.keys(counts)).toEqual(['新纳入', '档次上调', '档次下调', '金额变化', '不再符合']);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(0);
  const firstKind = Object.entries(counts).find(([, n]) => n > 0)!;
  await expect(page.getByTestId('scan-total')).toContainText(`共 ${firstKind[1]} 条`);
  await expect(scan.rows().first()).toBeVisible();
  await scan.rows().first().getByTestId('scan-reasons-toggle').click();
  await expect(page.getByTestId('scan-reasons').first()).toBeVisible();
  await shot('scan');

  // Filter by the village of the first result.
  const village = (await scan.rows().first().getAttribute('data-village'))!;
  const township = (await scan.rows().first().getAttribute('data-township'))!;
  // With no township chosen, a village is offered as `镇 › 村` (two villages of one name told apart).
  await page.getByTestId('scan-village').selectOption({ label: `${township} › ${village}` });
  // The previous page stays on screen until the filtered one arrives: wait for it.
  await expect
    .poll(async () => [...new Set(await scan.rows().evaluateAll((rs) => rs.map((r) => r.getAttribute('data-village'))))])
    .toEqual([village]);

  // Export what is shown.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scan-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^主动发现结果-\d+-[\u4e00-\u9fff]+\.xlsx$/);
  const file = await download.path();
  const head = fs.readFileSync(file!).subarray(0, 2).toString('latin1');
  expect(head).toBe('PK');

  // One click proposes; the same manager may not approve their own proposal.
  const row = scan.rows().first();
  const householdId = Number(await row.getAttribute('data-household'));
  await row.getByTestId('scan-propose').click();
  const badge = row.getByTestId('scan-proposed');
  await expect(badge).toBeVisible();
  const proposal = Number(/(\d+)/.exec((await badge.textContent())!)![1]);
  await approvals.open();
  await approvals.select(proposal);
  await expect(approvals.detail()).toContainText(`#${householdId}`);
  // Told before any input (issue 21, item 9): the reason and 同意 are disabled, the proposal stays in the queue.
  await expect(page.getByTestId('approvals-own')).toContainText('须由另一名审核人员审批');
  await expect(page.getByTestId('decide-reason')).toBeDisabled();
  await expect(page.getByTestId('decide-approve')).toBeDisabled();
  await expect(approvals.row(proposal)).toBeVisible();
});
