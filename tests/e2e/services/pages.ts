/** Page objects of the service-assistance screens and the household's recovery tab. */
import { expect, type Download, type Page } from '@playwright/test';

/** Today in the browser's (and the host's) local calendar, as the screens write dates. */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export class ServicesScreen {
  constructor(readonly page: Page) {}
  root = () => this.page.getByTestId('services-page');
  async open(tab: 'assessments' | 'plans' | 'records' | 'report' | 'providers' | 'list' = 'assessments') {
    await this.page.getByTestId('nav-services').click();
    await expect(this.root()).toBeVisible();
    await this.page.getByTestId(`sv-tab-${tab}`).click();
  }
  suggestion = (idNumber: string) => this.page.locator(`[data-testid="sv-suggestion"][data-id="${idNumber}"]`);
  planRows = () => this.page.getByTestId('sv-plan-row');
  /** Saves the form's PDF (prefix of the print panel) and gives the download. */
  async savePdf(prefix: string): Promise<Download> {
    await expect(this.page.getByTestId(`${prefix}-preview`)).toBeVisible({ timeout: 20_000 });
    const [d] = await Promise.all([
      this.page.waitForEvent('download', { timeout: 60_000 }),
      this.page.getByTestId(`${prefix}-pdf`).click(),
    ]);
    return d;
  }
}

export class RecoveryTab {
  constructor(readonly page: Page) {}
  async open(householdId: number) {
    await this.page.evaluate((id) => {
      window.location.hash = `#/households/${id}`;
    }, householdId);
    await expect(this.page.getByTestId('household-page')).toBeVisible();
    await this.page.getByTestId('tab-recovery').click();
    await expect(this.page.getByTestId('household-recovery')).toBeVisible();
  }
  facts = () => this.page.getByTestId('rc-fact');
  cases = () => this.page.getByTestId('rc-case');
  balance = () => this.page.getByTestId('rc-balance');
}
