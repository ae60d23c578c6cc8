/**
 * Every number of the dashboard's queue opens the list it counts, filtered to exactly that
 * number (issue 21, item 4; UX.md): the list's total equals the tile's number, tile by tile.
 */
import { test, expect, api, type Page } from '../fixtures';
import { DEMO_OFFICE } from '../../../src-main/demo/county';

/** The number in `共 N 条` / `N in all`. */
async function total(page: Page, testid: string): Promise<number> {
  const el = page.getByTestId(testid);
  await expect(el).toHaveText(/\d/, { timeout: 20_000 });
  return Number(/(\d[\d,]*)/.exec((await el.textContent()) ?? '')![1].replace(/,/g, ''));
}

test('each queue number of the dashboard opens its list filtered to that number', async ({ page, setup, login, shell }) => {
  test.setTimeout(300_000);
  await setup.complete({
    office: { name: DEMO_OFFICE.name, county: DEMO_OFFICE.county, regionCode: DEMO_OFFICE.regionCode },
    admin: { username: 'boss', displayName: '赵主任', password: 'secret1' },
    demo: true,
    demoHouseholds: 200,
  });
  await login.login('manager', 'demo');
  // Two needs drafted today, so the drafted number is not zero whatever day the test runs.
  const hh = await api(page, 'households.list', { page: 1, pageSize: 10 });
  for (const h of hh.rows.slice(0, 2))
    await api(page, 'referrals.create', { householdId: h.id, assistance: 'housing', reason: '危房改造需求' });
  await page.reload();
  const tiles: Array<[string, string]> = [
    ['q-referrals-overdue', 'ref-total'],
    ['q-referrals-drafted', 'ref-total'],
    ['q-warnings-overdue', 'mon-total'],
    ['q-warnings-mine', 'mon-total'],
  ];
  let nonZero = 0;
  for (const [tile, list] of tiles) {
    await shell.go('dashboard');
    const card = page.getByTestId(tile);
    await expect(card).toHaveAttribute('data-value', /\d/, { timeout: 20_000 });
    const n = Number(await card.getAttribute('data-value'));
    if (n > 0) nonZero++;
    await card.click();
    expect(await total(page, list), tile).toBe(n);
  }
  // Real numbers are compared, not only zeros.
  expect(nonZero).toBeGreaterThan(0);
  // The overdue referrals open with "only overdue" ticked, so the clerk sees why the list is short.
  await shell.go('dashboard');
  await page.getByTestId('q-referrals-overdue').click();
  await expect(page.getByTestId('ref-filter-overdue')).toBeChecked();
});
