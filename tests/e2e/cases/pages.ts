/** Page objects of the Cases screen (申请办理): the list, one case with its moves, the stage form, the new-application form. */
import { expect, type Page } from '@playwright/test';

export class CasesPage {
  constructor(readonly page: Page) {}
  root = () => this.page.getByTestId('cases-page');
  rows = () => this.page.getByTestId('cases-row');
  row = (id: number) => this.page.locator(`[data-testid="cases-row"][data-case="${id}"]`);
  total = () => this.page.getByTestId('cases-total');
  detail = () => this.page.getByTestId('case-detail');
  act = (kind: string) => this.page.getByTestId(`case-act-${kind}`);
  events = () => this.page.getByTestId('case-event');

  /** Takes an application of the household found by `search` (Enter picks the first hit); answers its number. */
  async newCase(search: string, receivedOn: string, tier: 'dibao' | 'tekun' | 'marginal' = 'dibao'): Promise<number> {
    await this.page.getByTestId('cases-new').click();
    const form = this.page.getByTestId('case-new-form');
    await expect(form.getByTestId('case-new-why')).toBeVisible();
    await form.getByTestId('case-new-search').fill(search);
    await expect(form.getByTestId('case-new-hit').first()).toBeVisible();
    await form.getByTestId('case-new-search').press('Enter');
    await form.getByTestId('case-new-tier').selectOption(tier);
    await form.getByTestId('case-new-date').fill(receivedOn);
    await expect(form.getByTestId('case-new-why')).toHaveCount(0);
    await form.getByTestId('case-new-date').press('Control+s');
    await expect(this.detail()).toBeVisible();
    const m = /#\/cases\/(\d+)/.exec(this.page.url());
    if (!m) throw new Error(`no case in ${this.page.url()}`);
    return Number(m[1]);
  }

  /** Records one move of the open case through its form: the date, then the fields by test id, saved by Ctrl+S. */
  async record(kind: string, on: string, fields: Record<string, string> = {}, confirm = false) {
    await this.act(kind).click();
    const form = this.page.getByTestId('case-step-form');
    await form.getByTestId('step-on').fill(on);
    for (const [id, v] of Object.entries(fields)) await form.getByTestId(id).fill(v);
    await form.getByTestId('step-on').press('Control+s');
    if (confirm) {
      await expect(form.getByTestId('step-confirm-text')).toBeVisible();
      await form.getByTestId('step-save').click();
    }
    await expect(form).toHaveCount(0);
    await expect(
      this.page.locator(`[data-testid="case-event"][data-kind="${kind === 'decided' ? 'decided' : kind}"]`).first(),
    ).toBeVisible();
  }
}
