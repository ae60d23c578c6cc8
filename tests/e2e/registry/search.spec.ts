import { test, expect, idNumber, setupEmptyAndLogin, api, sampleHousehold } from '../fixtures';

test('search by ID number prefix and by name finds the person; the list pages and filters', async ({
  page,
  setup,
  login,
  households,
  shot,
}) => {
  await setupEmptyAndLogin({ setup, login });
  const target = idNumber('110105', '1955-09-09', '411');
  await api(page, 'households.create', {
    household: sampleHousehold(target, '欧阳明', [
      { idNumber: idNumber('110105', '1957-01-01', '412'), name: '欧阳红', relation: 'spouse' },
    ]),
  });
  for (let i = 0; i < 3; i++) {
    await api(page, 'households.create', {
      household: {
        ...sampleHousehold(idNumber('130102', `1960-01-1${i}`, `50${i}`), `周${i}号`),
        area: { township: '北关镇', village: `北${i}村` },
      },
    });
  }
  await households.open();
  await expect(households.search()).toBeFocused();
  await page.keyboard.type(target.slice(0, 6)); // both members of the first household share the region prefix
  await expect(households.hits()).toHaveCount(2);
  await expect(households.hits().first()).toContainText('欧阳');
  await expect(page.getByTestId('search-stats')).toContainText('毫秒');
  await households.search().fill('欧阳明');
  await expect(households.hits()).toHaveCount(1);
  await expect(households.hits().first()).toContainText(target);
  await households.search().fill('北1');
  await expect(households.hits()).toHaveCount(1);
  await expect(households.hits().first()).toContainText('周1号');
  await shot('household-list');
  await households.search().fill('');
  await expect(households.total()).toContainText('4');
  await page.getByTestId('filter-township').click();
  await page.getByRole('option', { name: '北关镇' }).click();
  await expect(households.rows()).toHaveCount(3);
  await page.getByTestId('sort-headName').click();
  await expect(households.rows().first()).toContainText('周0号');
  await page.getByTestId('sort-headName').click();
  await expect(households.rows().first()).toContainText('周2号');
  // Enter in the search box opens the first hit.
  await households.search().fill('欧阳红');
  await expect(households.hits()).toHaveCount(1);
  await households.search().press('Enter');
  await expect(page.getByTestId('household-title')).toContainText('欧阳明');
});
