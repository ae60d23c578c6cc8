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
  const son = idNumber('110105', '2014-01-15', '135'); // under 16: labour is derived, not asked

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
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  await k.press('Enter'); // status
  await k.press('Enter'); // labour: no default for an adult (issue 21) — the clerk chooses
  await expect(form.field('members.0.labour')).toBeFocused();
  await expect(form.field('members.0.labour')).toHaveValue('');
  for (let i = 0; i < 5; i++) await k.press('ArrowDown'); // 在职 … 退休
  await expect(form.field('members.0.labour')).toHaveValue('retired');
  // Enter on through the rest of the member: the "add income" button is on the way, in reading order.
  const path: (string | null | undefined)[] = [];
  for (let i = 0; i < 12 && (await focused()) !== 'add-income-0'; i++) {
    await k.press('Enter');
    path.push(await focused());
  }
  expect(path).toEqual([
    'f-members.0.schooling',
    'f-members.0.disability.kind',
    'f-members.0.disability.grade',
    'f-members.0.illness',
    'f-members.0.selfCareUnmanaged',
    'f-members.0.supportMode',
    'f-members.0.authorisedOn',
    'add-income-0',
  ]);
  await k.press('Tab'); // passes "add income" without adding one
  await expect(page.getByTestId('add-member')).toBeFocused();

  // Second member: Enter on "+ add member".
  await k.press('Enter');
  await expect(form.field('members.1.idNumber')).toBeFocused();
  await k.type(wife);
  await expect(page.getByTestId('members.1.sex')).toHaveValue('女');
  await k.press('Enter');
  await k.type('李秀英');
  await k.press('Enter');
  await k.press('ArrowDown'); // 户主
  await k.press('ArrowDown'); // 配偶
  await expect(form.field('members.1.relation')).toHaveValue('spouse');
  await k.press('Enter'); // status
  await k.press('Enter'); // labour
  await k.press('ArrowDown'); // 在职
  await expect(form.field('members.1.labour')).toHaveValue('employed');
  for (let i = 0; i < 12 && (await focused()) !== 'add-income-1'; i++) await k.press('Enter');
  await expect(page.getByTestId('add-income-1')).toBeFocused();
  await k.press('Enter');
  await expect(form.field('members.1.monthlyIncome.0.type')).toBeFocused();
  await k.press('Enter');
  await k.type('1800.50');
  await k.press('Enter'); // past the row's remove button, back on "add income"
  await expect(page.getByTestId('add-income-1')).toBeFocused();

  // Third member.
  await k.press('Alt+N');
  await expect(form.field('members.2.idNumber')).toBeFocused();
  await k.type(son);
  await k.press('Enter');
  await k.type('张小明');
  await k.press('Enter');
  for (let i = 0; i < 3; i++) await k.press('ArrowDown'); // 子女
  await expect(form.field('members.2.relation')).toHaveValue('child');
  // Under 16 by the ID number: labour is shown as 无（儿童或学生）, not asked, and Enter passes it.
  await expect(form.field('members.2.labour')).toBeDisabled();
  await expect(form.field('members.2.labour')).toHaveValue('none');
  await k.press('Enter'); // status
  await k.press('Enter'); // schooling
  await expect(form.field('members.2.schooling')).toBeFocused();
  await k.press('ArrowDown');
  await k.press('ArrowDown');
  await k.press('ArrowDown'); // 学前 → 小学 → 初中
  await expect(form.field('members.2.schooling')).toHaveValue('junior');

  // A supporter outside the household, and Enter from its last field lands on "+ add supporter".
  for (let i = 0; i < 12 && (await focused()) !== 'add-supporter'; i++) await k.press('Tab');
  await expect(page.getByTestId('add-supporter')).toBeFocused();
  await k.press('Enter');
  await expect(form.field('supportersOutside.0.idNumber')).toBeFocused();
  await k.press('Enter');
  await k.type('张大伯');
  await k.press('Enter');
  await k.press('ArrowDown'); // 配偶 / 父母 …
  await k.press('Enter');
  await k.type('80');
  for (let i = 0; i < 6 && (await focused()) !== 'add-supporter'; i++) await k.press('Enter');
  await expect(page.getByTestId('add-supporter')).toBeFocused();
  await k.press('Tab'); // on to the assets: the add buttons of each line are on the Enter path too
  for (let i = 0; i < 6 && (await focused()) !== 'add-vehicle'; i++) await k.press('Enter');
  await expect(page.getByTestId('add-vehicle')).toBeFocused();
  await shot('intake-form');

  await form.save();
  await expect(household.root()).toBeVisible();
  await expect(household.members()).toHaveCount(3);
  await expect(household.members().nth(0)).toContainText('退休');
  await expect(household.members().nth(1)).toContainText('李秀英');
  await expect(household.members().nth(1)).toContainText('1,800.50 元');
  await expect(page.getByTestId('household-title')).toContainText('张建国');
  await shot('household-page');
});
