import { test, expect, idNumber, setupEmptyAndLogin, api, sampleHousehold } from '../fixtures';
import fs from 'node:fs';

test('export a household file, and import one: errors name their field, a good file opens the new household', async ({
  page,
  setup,
  login,
  households,
  household,
}) => {
  await setupEmptyAndLogin({ setup, login });
  const { id } = await api(page, 'households.create', {
    household: sampleHousehold(idNumber('110105', '1966-06-06', '711'), '郑导出'),
  });
  await page.evaluate((id) => {
    location.hash = `#/households/${id}`;
  }, id);
  await expect(household.root()).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-household').click()]);
  // The household's number and the head's masked name: never an ID number in a file name.
  expect(download.suggestedFilename()).toMatch(/^household-\d+-\p{Script=Han}_+\p{Script=Han}?\.json$/u);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  expect(JSON.parse(text).format).toBe(1);

  await households.open();
  await page.getByTestId('import-household').click();
  const bad = { format: 1, household: { ...sampleHousehold('110105196606067110', '错号'), area: { township: '城关镇', village: '南村' } } };
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-error-field')).toHaveText('household.members[0].idNumber');
  // Esc closes the dialog; the list is still there.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('household-list')).toBeVisible();

  await page.getByTestId('import-household').click();
  const good = { format: 1, household: sampleHousehold(idNumber('110105', '1971-07-07', '721'), '冯导入') };
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('household-title')).toContainText('冯导入');
});
