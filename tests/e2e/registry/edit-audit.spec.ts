import { test, expect, idNumber, setupEmptyAndLogin, api, sampleHousehold } from '../fixtures';

test('editing a household shows the change in the audit trail with before → after', async ({ page, setup, login, form, household }) => {
  await setupEmptyAndLogin({ setup, login });
  const { id } = await api(page, 'households.create', {
    household: sampleHousehold(idNumber('110105', '1950-10-10', '611'), '吴老汉'),
  });
  await page.evaluate((id) => {
    location.hash = `#/households/${id}`;
  }, id);
  await expect(household.root()).toBeVisible();
  await page.getByTestId('edit-household').click();
  await form.waitOpen();
  await expect(form.field('members.0.name')).toHaveValue('吴老汉');
  await form.field('address').fill('东街 99 号');
  await form.field('current.tier').selectOption('dibao');
  await form.field('current.monthlyBenefit').fill('1523');
  await form.save();
  await expect(household.root()).toBeVisible();
  await expect(page.getByTestId('current-tier')).toContainText('最低生活保障');
  await expect(page.getByTestId('household-current')).toContainText('1,523.00 元');
  await household.openAudit();
  const entries = page.getByTestId('audit-entry');
  await expect(entries).toHaveCount(2);
  const edit = entries.first();
  await expect(edit).toHaveAttribute('data-action', 'update');
  await expect(edit).toContainText('修改');
  await expect(edit).toContainText('chief');
  // Fields and values in words (src-renderer/src/registry/field-words.ts): no path, no code.
  await expect(edit.locator('[data-path="address"]')).toHaveText('地址：东街 1 号 → 东街 99 号');
  await expect(edit.locator('[data-path="current.tier"]')).toContainText('现行认定 › 救助类别：');
  await expect(edit.getByTestId('audit-change').first()).not.toContainText('current');
  await expect(entries.nth(1)).toHaveAttribute('data-action', 'create');
});
