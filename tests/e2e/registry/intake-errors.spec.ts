import { test, expect, idNumber, setupEmptyAndLogin, api, sampleHousehold } from '../fixtures';
import { ID_PROBLEM_TEXT } from '../../../src-main/common/id-number';

test('an invalid ID number is refused next to the field and the typed input stays', async ({
  page,
  setup,
  login,
  households,
  form,
  shot,
}) => {
  await setupEmptyAndLogin({ setup, login });
  await households.open();
  await page.getByTestId('new-household').click();
  await form.waitOpen();
  const good = idNumber('110105', '1970-05-05', '201');
  const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1'); // wrong check character
  await form.field('residence').selectOption('rural');
  await form.field('area.township').fill('城关镇');
  await form.field('area.village').fill('西村');
  await form.field('members.0.idNumber').fill(bad);
  await form.field('members.0.name').fill('赵大勇');
  // Inline, while typing: the message of the ID check, in the user's language, at the field.
  await expect(form.error('members.0.idNumber')).toHaveText(ID_PROBLEM_TEXT.check.zh);
  await form.save();
  await expect(page.getByTestId('form-error')).toBeVisible();
  await expect(form.error('members.0.idNumber')).toHaveText(ID_PROBLEM_TEXT.check.zh);
  await expect(form.field('members.0.idNumber')).toHaveValue(bad);
  await expect(form.field('members.0.name')).toHaveValue('赵大勇');
  await expect(form.field('area.village')).toHaveValue('西村');
  await shot('intake-form-error');
  // Lower-case x and a short number get their own messages.
  await form.field('members.0.idNumber').fill('12345');
  await form.save();
  await expect(form.error('members.0.idNumber')).toHaveText(ID_PROBLEM_TEXT.format.zh);
  // Labour status has no default for an adult (issue 21): it decides 特困 and the review class.
  await expect(form.field('members.0.labour')).toHaveValue('');
  await expect(form.error('members.0.labour')).toContainText('请选择劳动状况');
  // Corrected, it saves.
  await form.field('members.0.idNumber').fill(good);
  await expect(form.error('members.0.idNumber')).toHaveCount(0);
  await form.save();
  await expect(form.error('members.0.labour')).toContainText('请选择劳动状况');
  await expect(page.getByTestId('household-page')).toHaveCount(0);
  await form.field('members.0.labour').selectOption('farming');
  await form.save();
  await expect(page.getByTestId('household-page')).toBeVisible();
  await expect(page.getByTestId('household-page')).toContainText('务农');
});

test('a person active in another household is refused by the service at the ID field, naming that household', async ({
  page,
  setup,
  login,
  households,
  form,
}) => {
  await setupEmptyAndLogin({ setup, login });
  const taken = idNumber('110105', '1980-02-02', '301');
  const created = await api(page, 'households.create', { household: sampleHousehold(taken, '钱一') });
  await households.open();
  await page.getByTestId('new-household').click();
  await form.waitOpen();
  await form.field('residence').selectOption('urban');
  await form.field('area.township').fill('城关镇');
  await form.field('area.village').fill('东街社区');
  await form.field('members.0.idNumber').fill(idNumber('110105', '1981-03-03', '302'));
  await form.field('members.0.name').fill('孙二');
  await form.field('members.0.labour').selectOption('employed');
  await page.keyboard.press('Alt+N');
  await form.field('members.1.idNumber').fill(taken);
  await form.field('members.1.name').fill('钱一');
  await form.field('members.1.relation').selectOption('spouse');
  await form.field('members.1.labour').selectOption('unemployed');
  await form.save();
  await expect(form.error('members.1.idNumber')).toContainText(`第 ${created.id} 号家庭`);
  await expect(form.error('members.1.idNumber')).toContainText('钱一');
  await expect(page.getByTestId('form-error')).toBeVisible();
  await expect(form.field('members.0.name')).toHaveValue('孙二');
  // Two heads: one message at the members section, from the same schema the service uses.
  await form.field('members.1.relation').selectOption('head');
  await form.save();
  await expect(page.getByTestId('err-members')).toContainText('恰有一名户主');
});
