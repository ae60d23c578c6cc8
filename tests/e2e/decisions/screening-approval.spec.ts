import { test, expect, idNumber, setupEmptyAndLogin, api, sampleHousehold } from '../fixtures';
import { nextMonthZh } from '../policy/helpers';

test('a clerk screens a saved household and proposes it; a second user with the manager role approves it; the tier history shows it', async ({
  page,
  setup,
  login,
  shell,
  settings,
  household,
  screening,
  approvals,
  shot,
}) => {
  test.setTimeout(150_000); // three people sign in in turn; on a loaded two-core machine this walk takes over a minute
  await setupEmptyAndLogin({ setup, login });
  await settings.open();
  await settings.createUser({ username: 'mgr1', displayName: '李审核', role: 'manager', password: 'pass1' });
  await settings.createUser({ username: 'clerk1', displayName: '陈经办', role: 'clerk', password: 'pass1' });
  const headId = idNumber('110105', '1981-03-04', '311');
  const base = sampleHousehold(headId, '赵大山', [
    { idNumber: idNumber('110105', '2016-05-06', '322'), name: '赵小禾', relation: 'child' },
  ]);
  const h = {
    ...base,
    members: [
      { ...base.members[0], labour: 'employed' as const, monthlyIncome: [{ type: 'wage' as const, amount: 300 }] },
      { ...base.members[1], schooling: 'primary' as const },
    ],
  };
  const { id } = await api(page, 'households.create', { household: h });
  await shell.logout();

  // The clerk screens the household from its page.
  await login.login('clerk1', 'pass1');
  await page.evaluate((id) => {
    location.hash = `#/households/${id}`;
  }, id);
  await expect(household.root()).toBeVisible();
  await page.getByTestId('household-screen').click();
  await expect(screening.root()).toBeVisible();
  await expect(screening.result()).toBeVisible();
  await expect(screening.tier('dibao')).toHaveAttribute('data-eligible', 'true');
  await expect(screening.tier('tekun')).toHaveAttribute('data-eligible', 'false');
  await expect(screening.tier('dibao').getByTestId('reasons-dibao')).toContainText('家庭收入');
  // People by relation and name, never by ID number; rule codes only behind the details switch (issue 21).
  await expect(screening.tier('tekun').getByTestId('reasons-tekun')).toContainText('户主 赵大山（45 岁）');
  await expect(screening.tier('tekun').getByTestId('reasons-tekun')).toContainText('子女 赵小禾');
  await expect(screening.result()).not.toContainText(headId);
  await expect(screening.result()).not.toContainText('[dibao.');
  await expect(screening.tier('dibao').getByTestId('reason-rule')).toHaveCount(0);
  await expect(screening.benefit()).toContainText(' 元');
  await expect(page.getByTestId('breakdown-row').first()).toBeVisible();
  const before = await screening.settledBenefit();
  expect(before).toMatch(/^[\d,]+\.\d\d 元$/);
  await shot('screening');

  // A what-if change re-evaluates at once; the proposal waits until the household file is saved.
  await screening.field('members.0.monthlyIncome.0.amount').fill('900');
  await expect(screening.benefit()).not.toHaveText(before);
  const after = await screening.settledBenefit();
  await expect(page.getByTestId('screen-dirty')).toBeVisible();
  await expect(page.getByTestId('screen-propose')).toBeDisabled();
  await page.getByTestId('screen-save').click();
  await expect(page.getByTestId('screen-dirty')).toHaveCount(0);
  // The propose dialog restates what is proposed: tier, amount, from which month (issue 21).
  await page.getByTestId('screen-propose').click();
  await expect(page.getByTestId('propose-what')).toHaveText(`拟认定：最低生活保障（低保），每月 ${after}`);
  await expect(page.getByTestId('propose-current')).toContainText('现行认定');
  await expect(page.getByTestId('propose-from')).toContainText(`自 ${nextMonthZh()} 起`);
  await page.keyboard.press('Escape');
  const proposal = await screening.propose('入户核实，工资收入有变化');
  expect(proposal).toBeGreaterThan(0);

  // The clerk sees the queue read-only, and the service refuses the clerk's decision.
  await approvals.open();
  await approvals.select(proposal);
  await expect(page.getByTestId('approvals-readonly')).toBeVisible();
  await expect(page.getByTestId('decide-approve')).toHaveCount(0);
  await expect(api(page, 'determinations.decide', { id: proposal, decision: 'approved', reason: '经办人自批' })).rejects.toThrow(
    /forbidden/,
  );
  await shell.logout();

  // The manager approves with a reason; the confirmation says from when.
  await login.login('mgr1', 'pass1');
  await approvals.open();
  await approvals.select(proposal);
  await expect(page.getByTestId('diff-new-tier')).toContainText('低保');
  await expect(page.getByTestId('diff-new-benefit')).toContainText(after);
  await expect(page.getByTestId('params-in-force')).toBeVisible();
  await shot('approvals');
  // A reason is required before anything is asked.
  await page.getByTestId('decide-approve').click();
  await expect(page.getByTestId('decide-confirm-text')).toHaveCount(0);
  await approvals.ask('approved', '收入核实无误，同意');
  await expect(page.getByTestId('decide-confirm-text')).toContainText(`自 ${nextMonthZh()} 起执行`);
  await approvals.confirm();
  await expect(approvals.row(proposal)).toHaveCount(0);
  await expect(page.getByTestId('approvals-empty')).toBeVisible();

  // The household's determinations tab shows it approved; the current tier is updated.
  await page.evaluate((id) => {
    location.hash = `#/households/${id}`;
  }, id);
  await expect(page.getByTestId('current-tier')).toContainText('低保');
  await page.getByTestId('tab-determinations').click();
  const row = page.getByTestId('determination-row').first();
  await expect(row).toHaveAttribute('data-decision', 'approved');
  await expect(row).toContainText('收入核实无误');
  // People by name, not by username (issue 21).
  await expect(row).toContainText('李审核');
  await shot('household-determinations');
  await row.getByTestId('determination-open').click();
  await expect(page.getByTestId('determination-explanation').getByTestId('tier-dibao')).toHaveAttribute('data-eligible', 'true');
  await expect(page.getByTestId('determination-explanation').getByTestId('result-benefit')).toHaveText(after);
});

test('a quick unsaved screener evaluates as the fields are typed, in English too', async ({ page, setup, login, shell, screening }) => {
  await setupEmptyAndLogin({ setup, login });
  await screening.open();
  await page.getByTestId('screen-quick').click();
  await screening.field('members.0.idNumber').fill(idNumber('110105', '1950-02-03', '411'));
  await screening.field('members.0.name').fill('孙老人');
  await screening.field('members.0.labour').selectOption('unable');
  await expect(screening.result()).toBeVisible();
  await expect(screening.tier('tekun')).toHaveAttribute('data-eligible', 'true');
  await expect(page.getByTestId('tekun-members')).toContainText('孙老人');
  await shell.setLanguage('en');
  await expect(screening.tier('tekun')).toContainText('Eligible');
  await expect(page.getByTestId('result-tier')).toHaveText('Extremely poor person');
  await expect(screening.tier('dibao').getByTestId('reason').first()).toContainText(/[A-Za-z]/);
  // A wage above the threshold takes the elderly person out of 特困.
  await page.getByTestId('s-add-income-0').click();
  await screening.field('members.0.monthlyIncome.0.amount').fill('5000');
  await expect(screening.tier('tekun')).toHaveAttribute('data-eligible', 'false');
  await expect(page.getByTestId('screen-propose')).toHaveCount(0);
});

test('a manager opening his own proposal is told at once that another manager must decide it; 同意 is disabled before any input', async ({
  page,
  setup,
  login,
  shell,
  approvals,
}) => {
  await setupEmptyAndLogin({ setup, login });
  const headId = idNumber('110105', '1978-03-15', '311');
  const base = sampleHousehold(headId, '赵志刚');
  const h = { ...base, members: [{ ...base.members[0], labour: 'unemployed' as const }] };
  const { id } = await api(page, 'households.create', { household: h });
  const { id: proposal } = await api(page, 'determinations.propose', { householdId: id, source: 'screening' });
  await approvals.open();
  await approvals.select(proposal);
  // Before anything is typed: the reason, and nothing to fill in or press.
  await expect(page.getByTestId('approvals-own')).toHaveText('本申报由您提出，须由另一名审核人员审批。');
  await expect(page.getByTestId('decide-approve')).toBeDisabled();
  await expect(page.getByTestId('decide-reject')).toBeDisabled();
  await expect(page.getByTestId('decide-reason')).toBeDisabled();
  // The explanation names the head by relation and name, not by ID number.
  await expect(page.getByTestId('proposal-detail').getByTestId('screen-result')).toContainText('户主 赵志刚（48 岁）');
  await expect(page.getByTestId('proposal-detail').getByTestId('screen-result')).not.toContainText(headId);
  // The rules' codes are behind the details switch.
  const result = page.getByTestId('proposal-detail').getByTestId('screen-result');
  await expect(result.getByTestId('reason-rule')).toHaveCount(0);
  await result.getByTestId('show-rules').click();
  await expect(result.getByTestId('reasons-tekun')).toContainText('[tekun.capacity]');
  await result.getByTestId('show-rules').click();
  await expect(result.getByTestId('reason-rule')).toHaveCount(0);
  await shell.setLanguage('en');
  await expect(page.getByTestId('approvals-own')).toHaveText('You proposed this determination; a different manager must decide it.');
  await expect(page.getByTestId('proposal-detail').getByTestId('screen-result')).toContainText('head 赵志刚 (aged 48)');
});
