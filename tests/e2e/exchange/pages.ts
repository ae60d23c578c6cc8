/** Page objects of the exchange, monitoring, backup and calendar screens. */
import { expect, type Page } from '@playwright/test';

export class ExchangeScreen {
  constructor(readonly page: Page) {}
  root = () => this.page.getByTestId('exchange-page');
  wizard = () => this.page.getByTestId('ex-wizard');
  async open() {
    await this.page.getByTestId('nav-exchange').click();
    await expect(this.root()).toBeVisible();
  }
  async chooseFile(name: string, buffer: Buffer) {
    await this.page.getByTestId('ex-file').setInputFiles({ name, mimeType: 'text/csv', buffer });
    await expect(this.page.getByTestId('ex-step-source')).toBeVisible();
  }
  async next() {
    await this.page.getByTestId('ex-next').click();
  }
  async waitStep(step: 'source' | 'mapping' | 'preview' | 'report' | 'import') {
    await expect(this.page.getByTestId(`ex-step-${step}`)).toBeVisible({ timeout: 20_000 });
  }
  async waitDone() {
    await expect(this.page.getByTestId('ex-step-import')).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  }
  count = (id: string) => this.page.getByTestId(id);
}

export class MonitoringScreen {
  constructor(readonly page: Page) {}
  root = () => this.page.getByTestId('monitoring-page');
  rows = () => this.page.getByTestId('mon-row');
  row = (id: number) => this.page.locator(`[data-testid="mon-row"][data-id="${id}"]`);
  detail = () => this.page.getByTestId('mon-detail');
  async open() {
    await this.page.getByTestId('nav-monitoring').click();
    await expect(this.root()).toBeVisible();
  }
  async openWarning(id: number) {
    await this.row(id).click();
    await expect(this.page.locator(`[data-testid="mon-detail"][data-id="${id}"]`)).toBeVisible();
  }
}
