import { test, expect, idNumber, setupEmptyAndLogin } from '../fixtures';

test('a household with three members is entered from the keyboard alone and saved with Ctrl+S', async ({
  page,
  setup,
  login,
  households,
  form,
  household,
  shot,
}) => {
  await setupEmptyAndLogin({ setup, login });
  await households.open();
  await expect(households.search()).toBeFocused();
  await page.getByTestId('new-household').click();
  await form.waitOpen();
  const k = page.keyboard;
  const head = idNumber('110105', '1962-03-08', '123'); // odd sequence digit: male
  const wife = idNumber('110105', '1965-07-21', '124');
  const son = idNumber('110105', '2010-01-15', '135');

  await expect(form.field('residence')).toBeFocused();
  await k.press('ArrowDown'); // 城镇 / urban
  await k.press('Enter');
  await expect(form.field('area.township')).toBeFocused();
  await k.type('城关镇');
  await k.press('Enter');
  await k.type('东街社区');
  await k.press('Enter');
  await k.type('东街 18 号');
  await k.press('Enter'); // → external id
  await k.press('Enter'); // → housing condition
  await k.press('Enter'); // → tenure
  await k.press('Enter'); // → monitoring
  await k.press('Enter'); // → first member's ID number
  await expect(form.field('members.0.idNumber')).toBeFocused();
  await k.type(head);
  await expect(page.getByTestId('members.0.sex')).toHaveValue('男');
  await expect(page.getByTestId('members.0.birthDate')).toHaveValue('1962-03-08');
  await k.press('Enter');
  await k.type('张建国');
  await k.press('Enter'); // relation: head is preset for the first member

  // Second member: one keystroke.
  await k.press('Alt+N');
  await expect(form.field('members.1.idNumber')).toBeFocused();
  await k.type(wife);
  await expect(page.getByTestId('members.1.sex')).toHaveValue('女');
  await k.press('Enter');
  await k.type('李秀英');
  await k.press('Enter');
  await k.press('ArrowDown'); // 户主
  await k.press('ArrowDown'); // 配偶
  await expect(form.field('members.1.relation')).toHaveValue('spouse');
  // Tab on to this member's "add income" button (status, labour, schooling, remove, line 2, then the button).
  for (let i = 0; i < 20; i++) {
    await k.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'add-income-1') break;
  }
  await expect(page.getByTestId('add-income-1')).toBeFocused();
  await k.press('Enter');
  await expect(form.field('members.1.monthlyIncome.0.type')).toBeFocused();
  await k.press('Enter');
  await k.type('1800.50');

  // Third member.
  await k.press('Alt+N');
  await expect(form.field('members.2.idNumber')).toBeFocused();
  await k.type(son);
  await k.press('Enter');
  await k.type('张小明');
  await k.press('Enter');
  for (let i = 0; i < 3; i++) await k.press('ArrowDown'); // 子女
  await expect(form.field('members.2.relation')).toHaveValue('child');
  await k.press('Enter'); // status
  await k.press('Enter'); // labour
  await k.press('Enter'); // schooling
  await k.press('ArrowDown');
  await k.press('ArrowDown');
  await k.press('ArrowDown'); // 学前 → 小学 → 初中
  await expect(form.field('members.2.schooling')).toHaveValue('junior');
  await shot('intake-form');

  await form.save();
  await expect(household.root()).toBeVisible();
  await expect(household.members()).toHaveCount(3);
  await expect(household.members().nth(1)).toContainText('李秀英');
  await expect(household.members().nth(1)).toContainText('1,800.50 元');
  await expect(page.getByTestId('household-title')).toContainText('张建国');
  await shot('household-page');
});
