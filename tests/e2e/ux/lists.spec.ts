/**
 * Every list sorts over all its pages and exports what it shows (UX.md "Habits"): on Monitoring and Referrals a click on a
 * header orders the whole list by the service — page 2 continues page 1 — with aria-sort on the header, a second click turns
 * it round, and the Excel export holds the rows shown, in the order shown, in words.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, idNumber, setupEmptyAndLogin, api, sampleHousehold } from '../fixtures';

const NAMES = [
  '赵德胜',
  '安小平',
  '孙丽',
  '白玉兰',
  '陈志强',
  '欧阳红',
  '钱秀英',
  '李建国',
  '周敏',
  '吴刚',
  '郑芳',
  '冯军',
  '褚立新',
  '卫国',
  '蒋琴',
  '沈冰',
  '韩梅',
  '杨帆',
  '朱丹',
  '秦岭',
  '尤佳',
  '许诺',
];
const collator = new Intl.Collator('zh-CN');

/** The ids (data-id or data-number) of the rows on the screen, in order. */
async function shown(rows: Locator, attr: string): Promise<string[]> {
  return rows.evaluateAll((els, a) => els.map((e) => e.getAttribute(a) ?? ''), attr);
}

async function readXlsx(page: Page, click: () => Promise<void>): Promise<string[][]> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lists-')), dl.suggestedFilename());
  await dl.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  const out: string[][] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push(String(c.value ?? '')));
    out.push(cells);
  });
  return out;
}

test('Monitoring and Referrals sort by a header over all pages and export what they show', async ({ page, setup, login, shot }) => {
  test.setTimeout(180_000);
  await setupEmptyAndLogin({ setup, login });
  // 22 households in a tier whose heads turned 60 in the last weeks: the registry check raises a warning for each.
  const today = new Date();
  const ids: number[] = [];
  for (let i = 0; i < NAMES.length; i++) {
    const birthday = new Date(Date.UTC(today.getUTCFullYear() - 60, today.getUTCMonth(), today.getUTCDate() - 1 - i));
    const birth = birthday.toISOString().slice(0, 10);
    const base = sampleHousehold(idNumber('110105', birth, String(300 + i)), NAMES[i]);
    const village = i % 2 === 0 ? '东街社区' : '西街社区';
    const { id } = await api(page, 'households.create', {
      household: { ...base, area: { township: '城关镇', village }, current: { tier: 'dibao', monthlyBenefit: 420 } },
    });
    ids.push(id);
  }
  const checked = await api(page, 'monitoring.checkRegistry', {});
  expect(checked.turned60).toBe(NAMES.length);
  const kinds = ['medical', 'education', 'housing', 'employment', 'temporary'] as const;
  for (let i = 0; i < 27; i++)
    await api(page, 'referrals.create', {
      householdId: ids[i % ids.length],
      idNumber: null,
      assistance: kinds[i % kinds.length],
      reason: '入户走访发现的需求',
    });

  // Monitoring: by person, ascending, over both pages.
  await page.getByTestId('nav-monitoring').click();
  const monRows = page.getByTestId('mon-row');
  await expect(monRows).toHaveCount(20);
  const byDue = await shown(monRows, 'data-id');
  await page.getByTestId('sort-personName').click();
  await expect(page.locator('th:has([data-testid="sort-personName"])')).toHaveAttribute('aria-sort', 'ascending');
  const all = (await api(page, 'monitoring.queue', { sort: { key: 'personName', dir: 'asc' }, pageSize: 500 })).items;
  const names = all.map((w) => w.personName ?? '');
  expect(names).toEqual([...names].sort(collator.compare));
  await expect.poll(() => shown(monRows, 'data-id')).toEqual(all.slice(0, 20).map((w) => String(w.id)));
  expect(await shown(monRows, 'data-id')).not.toEqual(byDue);
  await shot('lists-monitoring-sorted');
  await page.getByTestId('mon-pages').getByRole('button', { name: '2', exact: true }).click();
  await expect.poll(() => shown(monRows, 'data-id')).toEqual(all.slice(20).map((w) => String(w.id)));
  await expect(page.getByTestId('mon-count')).toHaveAttribute('data-n', String(NAMES.length));
  // A second click turns it round, from page 1 again.
  await page.getByTestId('sort-personName').click();
  await expect(page.locator('th:has([data-testid="sort-personName"])')).toHaveAttribute('aria-sort', 'descending');
  await expect
    .poll(() => shown(monRows, 'data-id'))
    .toEqual(
      [...all]
        .reverse()
        .slice(0, 20)
        .map((w) => String(w.id)),
    );
  // The export: the title with the office, the header, then every row shown, in the order shown, with words.
  const monX = await readXlsx(page, () => page.getByTestId('mon-export').click());
  expect(monX[0][0]).toContain('民政局社会救助股');
  expect(monX[1][0]).toBe('预警编号');
  expect(monX.slice(2).map((r) => r[0])).toEqual([...all].reverse().map((w) => String(w.id)));
  expect(new Set(monX.slice(2).map((r) => r[2]))).toEqual(new Set(['成员年满60周岁']));
  expect(monX.slice(2).some((r) => r.includes('turns_60') || r.includes('open') || r.includes('normal'))).toBe(false);

  // Referrals: by kind of assistance over both pages, then the other way.
  await page.getByTestId('nav-referrals').click();
  const refRows = page.getByTestId('referral-row');
  await expect(refRows).toHaveCount(25);
  await page.getByTestId('sort-assistance').click();
  await expect(page.locator('th:has([data-testid="sort-assistance"])')).toHaveAttribute('aria-sort', 'ascending');
  const refs = (await api(page, 'referrals.list', { sort: { key: 'assistance', dir: 'asc' }, pageSize: 500 })).rows;
  await expect.poll(() => shown(refRows, 'data-number')).toEqual(refs.slice(0, 25).map((r) => r.number));
  await page.getByTestId('ref-pages').getByRole('button', { name: '2', exact: true }).click();
  await expect.poll(() => shown(refRows, 'data-number')).toEqual(refs.slice(25).map((r) => r.number));
  await page.getByTestId('sort-assistance').click();
  await expect(page.locator('th:has([data-testid="sort-assistance"])')).toHaveAttribute('aria-sort', 'descending');
  const desc = (await api(page, 'referrals.list', { sort: { key: 'assistance', dir: 'desc' }, pageSize: 500 })).rows;
  await expect.poll(() => shown(refRows, 'data-number')).toEqual(desc.slice(0, 25).map((r) => r.number));
  expect(desc[0].assistance).toBe('temporary');
  await shot('lists-referrals-sorted');
  const refX = await readXlsx(page, () => page.getByTestId('ref-export-xlsx').click());
  expect(refX[0][0]).toContain('民政局社会救助股');
  expect(refX[1].slice(0, 2)).toEqual(['转介编号', '户主']);
  expect(refX.slice(2).map((r) => r[0])).toEqual(desc.map((r) => r.number));
  expect(refX[2][5]).toBe('临时救助');
  expect(refX.slice(2).some((r) => r.some((c) => ['temporary', 'medical', 'drafted', 'civil_affairs'].includes(c)))).toBe(false);
});
