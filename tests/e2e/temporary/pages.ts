/** Page objects of the Temporary screen (临时救助). */
import { expect, type Download, type Page } from '@playwright/test';

export class TemporaryScreen {
  constructor(readonly page: Page) {}
  root = () => this.page.getByTestId('temporary-page');
  quickForm = () => this.page.getByTestId('tmp-quick');
  tab = (key: string) => this.page.getByTestId(`tmp-tab-${key}`);
  rows = () => this.page.getByTestId('tmp-row');
  row = (number: string) => this.page.locator(`[data-testid="tmp-row"][data-number="${number}"]`);
  drawer = () => this.page.getByTestId('tmp-case');
  assessment = () => this.page.getByTestId('tmp-assessment');
  async open() {
    await this.page.getByTestId('nav-temporary').click();
    await expect(this.root()).toBeVisible();
  }
  async openCase(number: string) {
    await this.tab('list').click();
    await this.row(number).click();
    await expect(this.drawer()).toHaveAttribute('data-number', number);
  }
  /** Approve (or, for the second manager, confirm) with a reason, answering the confirmation. */
  async approve(reason: string, amount?: string) {
    if (amount !== undefined) await this.page.getByTestId('tmp-decide-amount').fill(amount);
    await this.page.getByTestId('tmp-decide-reason').fill(reason);
    await this.page.getByTestId('tmp-approve').click();
    await this.page.getByTestId('tmp-confirm').click();
  }
  async savePdf(): Promise<Download> {
    const d = this.page.waitForEvent('download', { predicate: (x) => x.suggestedFilename().endsWith('.pdf') });
    await this.page.getByTestId('tmp-pdf').click();
    return d;
  }
}
