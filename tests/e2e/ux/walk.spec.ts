/**
 * The language walk (issue 21, item 3): every page reachable from the navigation, its tabs, and
 * a household's page with its tabs, in Chinese and in English, as manager and as clerk of the
 * demo county. A page fails on a raw code or on a run of the other script (words.ts); each page
 * is kept as a screenshot in tests/artifacts/ux.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, ROOT, type Page } from '../fixtures';
import { DEMO_OFFICE } from '../../../src-main/demo/county';
import { leaks } from './words';

const SHOTS = path.join(ROOT, 'tests', 'artifacts', 'ux');

async function settle(page: Page) {
  // Bounded: a page that polls (an import's progress) never goes quiet.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  await expect(page.locator('.mantine-Loader')).toHaveCount(0, { timeout: 20_000 });
  await page.waitForTimeout(250);
}

/**
 * The page's visible text and the placeholders and labels of its fields. A record marked as Chinese (`lang="zh-CN"`:
 * a reason someone typed, a chain entry kept in the office's language) is the record's own language, not a leak.
 */
async function pageText(page: Page, lang: 'zh' | 'en'): Promise<string> {
  return page.evaluate((lang) => {
    const foreign = (el: Element | null) => {
      const l = el?.closest('[lang]')?.getAttribute('lang') ?? lang;
      return !l.startsWith(lang);
    };
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || foreign(el) || !el.checkVisibility() || el.closest('script,style')) continue;
      out.push(n.textContent ?? '');
    }
    const attrs = [...document.querySelectorAll('[placeholder],[aria-label],[title]')]
      // An aria-hidden element is read by no one (Mantine's autosize measurement textarea is one).
      .filter((e) => e.checkVisibility() && !foreign(e) && !e.closest('[aria-hidden="true"]'))
      .flatMap((e) => ['placeholder', 'aria-label', 'title'].map((a) => e.getAttribute(a) ?? ''));
    return `${out.join('\n')}\n${attrs.join('\n')}`;
  }, lang);
}

async function check(page: Page, lang: 'zh' | 'en', name: string, found: Map<string, string[]>) {
  await settle(page);
  const bad = leaks(await pageText(page, lang), lang);
  if (bad.length) found.set(`${lang} ${name}`, bad);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}-${lang}.png`) });
}

/** Each tab of the page in turn (Mantine tabs), checked. */
async function tabs(page: Page, lang: 'zh' | 'en', name: string, found: Map<string, string[]>) {
  const n = await page.getByRole('tab').count();
  for (let i = 1; i < n; i++) {
    const tab = page.getByRole('tab').nth(i);
    if (!(await tab.isVisible()) || (await tab.isDisabled())) continue;
    await tab.click();
    await check(page, lang, `${name}-tab${i}`, found);
  }
}

for (const role of ['manager', 'clerk'] as const) {
  test(`every page in both languages, as ${role}: no code, no other language`, async ({ page, setup, login, shell }) => {
    test.setTimeout(600_000);
    await setup.complete({
      office: { name: DEMO_OFFICE.name, county: DEMO_OFFICE.county, regionCode: DEMO_OFFICE.regionCode },
      admin: { username: 'boss', displayName: '赵主任', password: 'secret1' },
      demo: true,
      demoHouseholds: 150,
    });
    await login.login(role, 'demo');
    const found = new Map<string, string[]>();
    for (const lang of ['zh', 'en'] as const) {
      await shell.setLanguage(lang);
      const navs = await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
      expect(navs.length).toBeGreaterThan(5);
      for (const nav of navs) {
        await page.getByTestId(nav).click();
        const name = `${role}-${nav.slice(4)}`;
        await check(page, lang, name, found);
        await tabs(page, lang, name, found);
      }
      // A household's page, with its tabs (chain, verification, warnings, referrals, determinations).
      await page.getByTestId('nav-households').click();
      await page.getByTestId('household-row').first().click();
      await expect(page.getByTestId('household-page')).toBeVisible();
      await check(page, lang, `${role}-household`, found);
      await tabs(page, lang, `${role}-household`, found);
    }
    expect(Object.fromEntries(found)).toEqual({});
  });
}
