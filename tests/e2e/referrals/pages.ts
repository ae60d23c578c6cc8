/** Page objects of the referral screens and their neighbours (dashboard, referrals, reports, household chain and referrals tabs). */
import { expect, type Download, type Page } from '@playwright/test';
import { api } from '../fixtures';
import type { Input, MethodName, Output } from '../../../src-main/contract';

/** The service through the page's session, typed by the contract (tests/e2e/fixtures.ts api). */
export const call = <M extends MethodName>(page: Page, method: M, input: Input<M>): Promise<Output<M>> => api(page, method, input);

export class LoopHousehold {
  constructor(readonly page: Page) {}
  async open(id: number) {
    await this.page.evaluate((id) => {
      window.location.hash = `#/households/${id}`;
    }, id);
    await expect(this.page.getByTestId('household-page')).toBeVisible();
  }
  async referralsTab() {
    await this.page.getByTestId('tab-referrals').click();
    await expect(this.page.getByTestId('household-referrals')).toBeVisible();
  }
  async chainTab() {
    await this.page.getByTestId('tab-chain').click();
    await expect(this.page.getByTestId('household-chain')).toBeVisible();
  }
  referralRows = () => this.page.getByTestId('referral-row');
  chainEvents = (kind?: string) =>
    this.page.locator(kind ? `[data-testid="chain-event"][data-kind="${kind}"]` : '[data-testid="chain-event"]');
  happyItems = () => this.page.getByTestId('happy-item');
}

export class LoopReferrals {
  constructor(readonly page: Page) {}
  async open() {
    await this.page.getByTestId('nav-referrals').click();
    await expect(this.page.getByTestId('referrals-page')).toBeVisible();
  }
  rows = () => this.page.getByTestId('referral-row');
  row = (number: string) => this.page.locator(`[data-testid="referral-row"][data-number="${number}"]`);
  /** Exports the push list of a department; returns the XLSX download (the manifest downloads too). */
  async exportPushList(department: string, organisation?: string): Promise<Download> {
    await this.page.getByTestId('ref-export').click();
    await this.page.getByTestId('export-department').selectOption(department);
    if (organisation) await this.page.getByTestId('export-organisation').selectOption({ label: organisation });
    const xlsx = this.page.waitForEvent('download', { predicate: (d) => d.suggestedFilename().endsWith('.xlsx') });
    await this.page.getByTestId('export-go').click();
    const d = await xlsx;
    await expect(this.page.getByTestId('export-go')).toHaveCount(0);
    return d;
  }
  async importFeedback(file: string) {
    await this.page.getByTestId('feedback-file').setInputFiles(file);
    await expect(this.page.getByTestId('feedback-result')).toBeVisible({ timeout: 30_000 });
  }
}

export class LoopReports {
  constructor(readonly page: Page) {}
  async open() {
    await this.page.getByTestId('nav-reports').click();
    await expect(this.page.getByTestId('reports-page')).toBeVisible();
  }
  preview = () => this.page.frameLocator('[data-testid="rep-preview"]');
  async waitPreview() {
    await expect(this.page.getByTestId('rep-pages')).toContainText(/\d/, { timeout: 30_000 });
    await expect(this.page.getByTestId('rep-preview')).toBeVisible();
  }
  async savePdf(): Promise<Download> {
    const d = this.page.waitForEvent('download', { timeout: 60_000 });
    await this.page.getByTestId('rep-pdf').click();
    return d;
  }
}
