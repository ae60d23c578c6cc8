/** Page objects: the tests speak in the office's terms, the selectors live here. */
import { expect, type Locator, type Page } from '@playwright/test';
import { changed, changedPassword, confirmLatest, E2E_DIRECTOR, e2ePassword, passwordOf, remember } from './people.ts';

type Account = { username: string; displayName: string; password: string };

export class SetupPage {
  constructor(readonly page: Page) {}
  root = () => this.page.getByTestId('setup-page');
  /** The office and its first two accounts: the administrator and the first manager (E2E_DIRECTOR unless named). */
  async complete(o: {
    office: { name: string; county: string; regionCode: string };
    admin: Account;
    manager?: Account;
    demo: boolean;
    demoHouseholds?: number;
    shot?: () => Promise<void>;
  }) {
    const p = this.page;
    await expect(this.root()).toBeVisible();
    await p.getByTestId('setup-office-name').fill(o.office.name);
    await p.getByTestId('setup-county').fill(o.office.county);
    await p.getByTestId('setup-region-code').fill(o.office.regionCode);
    await p.getByTestId('setup-next').click();
    const manager = o.manager ?? E2E_DIRECTOR;
    await p.getByTestId('setup-username').fill(o.admin.username);
    await p.getByTestId('setup-display-name').fill(o.admin.displayName);
    await p.getByTestId('setup-password').fill(e2ePassword(o.admin.password));
    await p.getByTestId('setup-confirm').fill(e2ePassword(o.admin.password));
    await p.getByTestId('setup-manager-username').fill(manager.username);
    await p.getByTestId('setup-manager-display-name').fill(manager.displayName);
    await p.getByTestId('setup-manager-password').fill(e2ePassword(manager.password));
    await p.getByTestId('setup-manager-confirm').fill(e2ePassword(manager.password));
    await p.getByTestId('setup-next').click();
    await expect(p.getByTestId('setup-demo')).toBeChecked(); // the demo county is preselected
    if (o.demo) {
      if (o.demoHouseholds) await p.getByTestId('setup-demo-households').fill(String(o.demoHouseholds));
    } else {
      await p.getByTestId('setup-empty').check();
    }
    if (o.shot) await o.shot();
    // The recovery sheet of the encrypted database: the set-up finishes once it is confirmed kept.
    await p.getByTestId('setup-next').click();
    await expect(p.getByTestId('setup-recovery-preview')).toBeVisible();
    await expect(p.getByTestId('setup-finish')).toBeDisabled();
    await p.getByTestId('setup-recovery-kept').check();
    await p.getByTestId('setup-finish').click();
    await expect(p.getByTestId('login-page')).toBeVisible({ timeout: 60_000 });
    if (o.demo)
      // The wizard's demo adds these two beside its own accounts (src-main/api/app.ts `setup.complete`).
      for (const [u, role] of [
        ['manager', 'manager'],
        ['clerk', 'clerk'],
      ] as const)
        if (u !== o.admin.username && u !== manager.username) remember(p, u, role, e2ePassword('demo'));
    remember(p, o.admin.username, 'administrator', e2ePassword(o.admin.password));
    remember(p, manager.username, 'manager', e2ePassword(manager.password));
  }
}

export class LoginPage {
  constructor(readonly page: Page) {}
  root = () => this.page.getByTestId('login-page');
  demoNotice = () => this.page.getByTestId('demo-notice');
  /** Logs in with the password the spec names (made to meet the policy); an initial or demo one is changed once, here. */
  async login(username: string, password: string) {
    const p = this.page;
    const current = passwordOf(p, username, password);
    await expect(this.root()).toBeVisible();
    await p.getByTestId('login-username').fill(username);
    await p.getByTestId('login-password').fill(current);
    await p.getByTestId('login-submit').click();
    const forced = p.getByTestId('forced-password-change');
    // scrypt at N = 2^17 (docs/security.md "Sign-in") takes seconds on a loaded machine.
    await expect(p.getByTestId('header-user').or(forced)).toBeVisible({ timeout: 30_000 });
    if (await forced.isVisible()) {
      const next = changedPassword(current);
      await p.getByTestId('pw-current').fill(current);
      await p.getByTestId('pw-next').fill(next);
      await p.getByTestId('pw-confirm').fill(next);
      await p.getByTestId('pw-submit').click();
      changed(p, username, next);
    }
    await expect(p.getByTestId('header-user')).toBeVisible({ timeout: 30_000 });
  }
}

export class ShellPage {
  constructor(readonly page: Page) {}
  nav = (key: string) => this.page.getByTestId(`nav-${key}`);
  async go(key: string) {
    await this.nav(key).click();
  }
  async setLanguage(lang: 'zh' | 'en') {
    await this.page
      .getByTestId('lang-switch')
      .first()
      .getByText(lang === 'zh' ? '中文' : 'English')
      .click();
  }
  async logout() {
    await this.page.getByTestId('logout').click();
    await expect(this.page.getByTestId('login-page')).toBeVisible();
  }
}

export class HouseholdsPage {
  constructor(readonly page: Page) {}
  search = () => this.page.getByTestId('household-search');
  hits = () => this.page.getByTestId('search-hit');
  rows = () => this.page.getByTestId('household-row');
  total = () => this.page.getByTestId('list-total');
  async open() {
    await this.page.getByTestId('nav-households').click();
    await expect(this.page.getByTestId('households-page')).toBeVisible();
  }
  async searchFor(q: string) {
    await this.search().fill(q);
    await expect(this.page.getByTestId('search-stats')).toBeVisible();
  }
}

export class HouseholdFormPage {
  constructor(readonly page: Page) {}
  field = (path: string): Locator => this.page.getByTestId(`f-${path}`);
  error = (path: string): Locator => this.page.getByTestId(`err-${path}`);
  async waitOpen() {
    await expect(this.page.getByTestId('household-form')).toBeVisible();
  }
  async save() {
    await this.page.keyboard.press('Control+s');
  }
}

export class HouseholdPage {
  constructor(readonly page: Page) {}
  root = () => this.page.getByTestId('household-page');
  members = () => this.page.getByTestId('member-row');
  async openAudit() {
    await this.page.getByTestId('tab-audit').click();
    await expect(this.page.getByTestId('audit-trail')).toBeVisible();
  }
}

export class SettingsPage {
  constructor(readonly page: Page) {}
  async open() {
    await this.page.getByTestId('nav-settings').click();
    await expect(this.page.getByTestId('settings-page')).toBeVisible();
  }
  /** Asks for the account here, and a second person confirms it (the fixture, as the office's other keeper); then it is listed. */
  async createUser(u: {
    username: string;
    displayName: string;
    role: 'clerk' | 'manager' | 'administrator' | 'auditor';
    password: string;
  }) {
    const p = this.page;
    await p.getByTestId('tab-users').click();
    await p.getByTestId('new-user').click();
    await p.getByTestId('nu-username').fill(u.username);
    await p.getByTestId('nu-display').fill(u.displayName);
    await p.getByTestId('nu-role').selectOption(u.role);
    await p.getByTestId('nu-password').fill(e2ePassword(u.password));
    await p.getByTestId('nu-submit').click();
    await expect(p.getByTestId('nu-submit')).toHaveCount(0);
    remember(p, u.username, u.role, e2ePassword(u.password));
    await confirmLatest(p, 'user.create');
    // The list is read again when its tab opens.
    await p.getByTestId('tab-requests').click();
    await p.getByTestId('tab-users').click();
    await expect(p.getByTestId(`user-row-${u.username}`)).toBeVisible();
  }
}

export class ScreeningPage {
  constructor(readonly page: Page) {}
  root = () => this.page.getByTestId('screening-page');
  field = (path: string): Locator => this.page.getByTestId(`s-${path}`);
  result = () => this.page.getByTestId('screen-result');
  tier = (tier: string) => this.page.getByTestId(`tier-${tier}`);
  benefit = () => this.page.getByTestId('result-benefit');
  /** Waits until no evaluation is in flight and returns the benefit shown. */
  async settledBenefit(): Promise<string> {
    await expect(this.page.getByTestId('screen-loading')).toHaveCount(0);
    await expect(this.benefit()).toBeVisible();
    return (await this.benefit().textContent()) ?? '';
  }
  async open() {
    await this.page.getByTestId('nav-screening').click();
    await expect(this.root()).toBeVisible();
  }
  async pick(q: string) {
    await this.page.getByTestId('screen-search').fill(q);
    await this.page.getByTestId('screen-hit').first().click();
    await expect(this.result()).toBeVisible();
  }
  /** Proposes the saved household; returns the proposal number. */
  async propose(note: string): Promise<number> {
    await this.page.getByTestId('screen-propose').click();
    await this.page.getByTestId('propose-note').fill(note);
    await this.page.getByTestId('propose-submit').click();
    const badge = this.page.getByTestId('screen-proposal');
    await expect(badge).toBeVisible();
    return Number(/(\d+)/.exec((await badge.textContent()) ?? '')![1]);
  }
}

export class ApprovalsPage {
  constructor(readonly page: Page) {}
  root = () => this.page.getByTestId('approvals-page');
  rows = () => this.page.getByTestId('pending-row');
  row = (id: number) => this.page.locator(`[data-testid="pending-row"][data-id="${id}"]`);
  detail = () => this.page.getByTestId('proposal-detail');
  error = () => this.page.getByTestId('proposal-detail').getByTestId('error-alert');
  async open() {
    await this.page.getByTestId('nav-approvals').click();
    await expect(this.root()).toBeVisible();
  }
  async select(id: number) {
    await this.row(id).click();
    await expect(this.page.locator(`[data-testid="proposal-detail"][data-id="${id}"]`)).toBeVisible();
    await expect(this.page.getByTestId('screen-result')).toBeVisible();
  }
  /** Fills the reason and presses approve/reject; the confirmation stays open for the caller. */
  async ask(decision: 'approved' | 'rejected', reason: string) {
    await this.page.getByTestId('decide-reason').fill(reason);
    await this.page.getByTestId(decision === 'approved' ? 'decide-approve' : 'decide-reject').click();
    await expect(this.page.getByTestId('decide-confirm-text')).toBeVisible();
  }
  async confirm() {
    await this.page.getByTestId('decide-confirm').click();
    await expect(this.page.getByTestId('decide-confirm')).toHaveCount(0);
  }
}

export class ScanPage {
  constructor(readonly page: Page) {}
  root = () => this.page.getByTestId('scan-page');
  status = () => this.page.getByTestId('scan-status');
  rows = () => this.page.getByTestId('scan-row');
  async open() {
    await this.page.getByTestId('nav-scan').click();
    await expect(this.root()).toBeVisible();
  }
  async run(referenceDate?: string) {
    if (referenceDate) await this.page.getByTestId('scan-ref-date').fill(referenceDate);
    await this.page.getByTestId('scan-run').click();
  }
  async waitDone(timeout = 60_000) {
    await expect(this.status()).toHaveAttribute('data-status', 'done', { timeout });
    await expect(this.page.getByTestId('scan-results')).toBeVisible();
  }
  /** The kind control's option labels with their counts, e.g. { 新纳入: 43 }. */
  async kindCounts(): Promise<Record<string, number>> {
    const labels = await this.page.getByTestId('scan-kinds').locator('label').allTextContents();
    return Object.fromEntries(
      labels.map((l) => {
        const m = /^(.*?)\s*(\d+)$/.exec(l.trim())!;
        return [m[1], Number(m[2])];
      }),
    );
  }
  async kind(label: string) {
    await this.page.getByTestId('scan-kinds').getByText(label, { exact: false }).click();
  }
}

export class ParametersPage {
  constructor(readonly page: Page) {}
  async open() {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByTestId('tab-parameters').click();
    await expect(this.page.getByTestId('parameters-table')).toBeVisible();
  }
  async add(parameterId: string, v: { effectiveFrom: string; urban: string; rural: string; note?: string; rescan?: boolean }) {
    const p = this.page;
    await p.getByTestId(`param-add-${parameterId}`).click();
    await p.getByTestId('pa-effective').fill(v.effectiveFrom);
    await p.getByTestId('pa-urban').fill(v.urban);
    await p.getByTestId('pa-rural').fill(v.rural);
    if (v.note) await p.getByTestId('pa-note').fill(v.note);
    if (v.rescan === false) await p.getByTestId('pa-rescan').uncheck();
    await p.getByTestId('pa-submit').click();
    await expect(p.getByTestId('pa-submit')).toHaveCount(0);
    // Asked: a manager who did not ask confirms it (the fixture), and the table is read again.
    await confirmLatest(p, 'parameters.add');
    await p.getByTestId('params-refresh').click();
  }
  history = () => this.page.getByTestId('param-history-row');
}
