/** Page object of the scenario screen (政策测算). */
import { expect, type Page } from '@playwright/test';

export class ScenariosPage {
  constructor(readonly page: Page) {}
  root = () => this.page.getByTestId('scenarios-page');
  run = () => this.page.getByTestId('scenario-run');
  runRow = (id: number) => this.page.locator(`[data-testid="scenario-run-row"][data-run="${id}"]`);
  rows = () => this.page.getByTestId('scenario-row');
  async open() {
    await this.page.getByTestId('nav-scenarios').click();
    await expect(this.root()).toBeVisible();
  }
  /** Fills the draft: a name, and each change as [parameter, column, value] on its own row. */
  async draft(name: string, changes: [string, 'both' | 'urban' | 'rural', string][]) {
    await this.page.getByTestId('scenario-name').fill(name);
    const rows = this.page.getByTestId('scenario-change');
    while ((await rows.count()) < changes.length) await this.page.getByTestId('scenario-add-change').click();
    for (const [i, [param, col, value]] of changes.entries()) {
      const row = rows.nth(i);
      await row.getByTestId('scenario-param').selectOption(param);
      await row.getByTestId('scenario-column').selectOption(col);
      await row.getByTestId('scenario-value').fill(value);
    }
  }
  /** Waits for the run shown to be done and answers its id. */
  async waitDone(timeout = 60_000): Promise<number> {
    const shown = this.page.getByTestId('scenario-view');
    await expect(shown).toHaveAttribute('data-status', 'done', { timeout });
    return Number(await shown.getAttribute('data-run'));
  }
}
