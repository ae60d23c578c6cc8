/**
 * Village pickers (issue 21, item 6): with every township, each village is offered as
 * `镇 › 村` and no two options read alike; a township chosen, only its villages remain.
 */
import { test, expect } from '../fixtures';
import { DEMO_OFFICE } from '../../../src-main/demo/county';

test('village pickers name the township and cascade from it', async ({ page, setup, login, shell }) => {
  test.setTimeout(300_000);
  await setup.complete({
    office: { name: DEMO_OFFICE.name, county: DEMO_OFFICE.county, regionCode: DEMO_OFFICE.regionCode },
    admin: { username: 'boss', displayName: '赵主任', password: 'secret1' },
    demo: true,
    demoHouseholds: 60,
  });
  await login.login('manager', 'demo');
  for (const [nav, prefix] of [
    ['reports', 'rep'],
    ['monitoring', 'mon'],
  ] as const) {
    await shell.go(nav);
    const village = page.getByTestId(`${prefix}-village`);
    await expect(village.locator('option').nth(1)).toBeAttached();
    const all = (await village.locator('option').allTextContents()).slice(1);
    expect(all.length).toBeGreaterThan(20);
    expect(new Set(all).size, `${nav}: two villages read alike`).toBe(all.length);
    expect(all.every((o) => / › /.test(o))).toBe(true);
    const township = (await page.getByTestId(`${prefix}-township`).locator('option').nth(1).textContent())!;
    await page.getByTestId(`${prefix}-township`).selectOption({ label: township });
    const some = (await village.locator('option').allTextContents()).slice(1);
    expect(some.length).toBeGreaterThan(0);
    expect(some.length).toBeLessThan(all.length);
    // Every one of them is a village of that township.
    for (const v of some) expect(all).toContain(`${township} › ${v}`);
  }
});
