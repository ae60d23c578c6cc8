import fs from 'node:fs';
import path from 'node:path';
import { test, expect, idNumber, setupEmptyAndLogin } from '../fixtures.ts';
import { ExchangeScreen } from './pages.ts';

/** A county-sized hospital file (~40 MB, strangers only): long enough to leave the page while it is imported. */
function bigFile(dir: string): string {
  const ids = Array.from({ length: 2000 }, (_, i) =>
    idNumber('130124', `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, String(100 + (i % 800)).padStart(3, '0')),
  );
  const out: string[] = ['身份证号码,姓名,入院日期,医疗机构,个人自付'];
  for (let i = 0; i < 800_000; i++)
    out.push(`${ids[i % ids.length]},某人${i % 97},2026-10-0${1 + (i % 9)},示范县人民医院,${100 + (i % 900)}.00`);
  const file = path.join(dir, 'big-medical.csv');
  fs.writeFileSync(file, out.join('\n') + '\n');
  return file;
}

test('an import keeps running when the clerk leaves the page; coming back shows its progress, the history marks it running, then imported', async ({
  page,
  host,
  setup,
  login,
  shell,
  settings,
  shot,
}) => {
  test.setTimeout(240_000);
  const ex = new ExchangeScreen(page);
  await setupEmptyAndLogin({ setup, login });
  await settings.open();
  await settings.createUser({ username: 'clerk1', displayName: '陈经办', role: 'clerk', password: 'pass1' });
  await shell.logout();
  await login.login('clerk1', 'pass1');
  const file = bigFile(host.dir);

  await ex.open();
  // Uploaded (the page never names a path): streamed to the host's transfer folder.
  await page.getByTestId('ex-file').setInputFiles(file);
  await expect(page.getByTestId('ex-step-source')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('ex-source-medical_insurance').check();
  await ex.next();
  await ex.waitStep('mapping');
  await ex.next();
  await ex.waitStep('preview');
  await ex.next();
  await ex.waitStep('report');
  await page.getByTestId('ex-import').click();
  await ex.waitStep('import');
  await expect(page.getByTestId('ex-reattached')).toHaveCount(0);

  // The history marks it running (its status in the database is still 'staging').
  await page.getByTestId('ex-tab-history').click();
  await expect(page.locator('[data-testid="ex-history-row"][data-status="running"]')).toHaveCount(1);
  // Away and back while it runs: the wizard shows the running import and its cancel, not a new file step.
  await page.getByTestId('nav-households').click();
  await ex.open();
  await expect(page.getByTestId('ex-step-import')).toBeVisible();
  await expect(page.getByTestId('ex-reattached')).toBeVisible();
  await expect(page.getByTestId('ex-cancel')).toBeVisible();
  await shot('exchange-reattached');
  await ex.waitDone();
  await expect(ex.count('ex-s-read')).toHaveText('800000');
  await expect(ex.count('ex-s-unknown')).toHaveText('2000');
  await page.getByTestId('ex-tab-history').click();
  await expect(page.locator('[data-testid="ex-history-row"][data-status="applied"]')).toHaveCount(1);
});
