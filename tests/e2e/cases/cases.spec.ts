/**
 * A clerk takes an application, records the investigation, the two-staff visit and publicity; a manager sees it overdue on
 * the dashboard (the county has not started its check), clicks through to exactly that list and the case, and decides it
 * after publicity (docs/rules/workstations.md, "Delegation, time limits and checks").
 */
import { test, expect, idNumber, setupEmptyAndLogin, api, sampleHousehold } from '../fixtures';
import { CasesPage } from './pages';

/** The local date `n` days before today, YYYY-MM-DD (the host counts on today's date). */
const daysAgo = (n: number) => {
  const d = new Date(Date.now() - n * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

test('an application on the clock: taken, visited, publicised, overdue on the dashboard, decided after publicity', async ({
  page,
  setup,
  login,
  shell,
  settings,
  shot,
}) => {
  await setupEmptyAndLogin({ setup, login });
  await settings.open();
  await settings.createUser({ username: 'mgr1', displayName: '李审核', role: 'manager', password: 'pass1' });
  await settings.createUser({ username: 'clerk1', displayName: '陈经办', role: 'clerk', password: 'pass1' });
  await api(page, 'households.create', { household: sampleHousehold(idNumber('110105', '1958-02-03', '411'), '孙有福') });
  await shell.logout();

  const cases = new CasesPage(page);
  await login.login('clerk1', 'pass1');
  await shell.go('cases');
  await expect(cases.root()).toBeVisible();
  // No office calendar was imported: the screen says deadlines count weekends only.
  await expect(page.getByTestId('cases-calendar-gap')).toBeVisible();
  const id = await cases.newCase('孙有福', daysAgo(30));
  // Before the investigation starts, completing it is disabled with its reason shown.
  await expect(cases.act('investigated')).toBeDisabled();
  await expect(cases.act('investigated')).toHaveAttribute('data-reason', '须先启动调查');
  await cases.record('investigation_started', daysAgo(29));
  await cases.record('home_visit', daysAgo(28), { 'step-staff': '陈经办、刘村干', 'step-text': '二人入户，家中无劳动力，住房简陋' });
  await cases.record('investigated', daysAgo(27));
  await cases.record('publicity', daysAgo(20));
  await expect(page.getByTestId('case-publicity')).toContainText(daysAgo(14));
  // A clerk does not decide: the reason is shown before any input.
  await expect(cases.act('decided')).toBeDisabled();
  await expect(cases.act('decided')).toHaveAttribute('data-reason', '须由审核人员操作');
  await expect(page.getByTestId('case-clock')).toHaveAttribute('data-overdue', 'true');
  await shot('case-detail');
  await page.keyboard.press('Escape');
  await expect(cases.row(id)).toHaveAttribute('data-overdue', 'true');
  await shot('cases-list');
  await shell.logout();

  await login.login('mgr1', 'pass1');
  const card = page.getByTestId('q-cases-overdue');
  await expect(card).toHaveAttribute('data-value', '1');
  await card.click();
  await expect(cases.root()).toBeVisible();
  await expect(page.getByTestId('cases-f-overdue')).toBeChecked();
  await expect(cases.rows()).toHaveCount(1);
  await page.getByTestId('cases-open').click();
  await expect(cases.detail()).toHaveAttribute('data-stage', 'publicised');
  await expect(cases.act('decided')).toBeEnabled();
  await cases.record('decided', daysAgo(0), { 'step-text': '经入户调查和公示无异议，符合低保条件' }, true);
  await expect(cases.detail()).toHaveAttribute('data-stage', 'decided');
  await expect(page.getByTestId('case-clock')).toHaveCount(0);
  const event = page.locator('[data-testid="case-event"][data-kind="decided"]');
  await expect(event).toContainText('mgr1');
  await expect(event).toContainText('县级');
  await page.keyboard.press('Escape');
  await expect(cases.rows()).toHaveCount(0);
  await shell.go('dashboard');
  await expect(page.getByTestId('q-cases-overdue')).toHaveAttribute('data-value', '0');
});
