/** Page objects of the Stations page: packages out (downloaded) and in (uploaded, verified, previewed, applied), conflicts. */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from '../fixtures';

export class StationsPage {
  constructor(readonly page: Page) {}
  root = () => this.page.getByTestId('stations-page');
  async open(tab: 'overview' | 'packages' | 'conflicts' = 'overview') {
    await this.page.getByTestId('nav-stations').click();
    await expect(this.root()).toBeVisible();
    await this.page.getByTestId(`st-tab-${tab}`).click();
  }
  /** Clicks `button` and saves the download it starts into `dir`; answers the saved file. */
  async download(button: string, dir: string): Promise<string> {
    const dl = this.page.waitForEvent('download');
    await this.page.getByTestId(button).click();
    const d = await dl;
    const file = path.join(dir, d.suggestedFilename());
    await d.saveAs(file);
    return file;
  }
  async exportPackage(dir: string): Promise<string> {
    await this.open('packages');
    const file = await this.download('st-export-go', dir);
    await expect(this.page.getByTestId('st-exported')).toBeVisible();
    return file;
  }
  /** Verify → preview → apply; answers the preview's text. */
  async importPackage(file: string): Promise<string> {
    await this.open('packages');
    await this.page.getByTestId('st-import-file').setInputFiles(file);
    await expect(this.page.getByTestId('st-import-verify')).toBeEnabled();
    await this.page.getByTestId('st-import-verify').click();
    const preview = this.page.getByTestId('st-import-preview');
    await expect(preview).toBeVisible();
    const text = (await preview.textContent()) ?? '';
    await this.page.getByTestId('st-import-apply').click();
    await expect(this.page.getByTestId('st-import-done')).toHaveAttribute('data-status', 'applied');
    return text;
  }
}
