/** Page objects: the tests speak in the office's terms, the selectors live here. */
import { expect, type Locator, type Page } from '@playwright/test';

export class SetupPage {
  constructor(readonly page: Page) {}
  root = () => this.page.getByTestId('setup-page');
  async complete(o: { office: { name: string; county: string; regionCode: string }; admin: { username: string; displayName: string; password: string }; demo: boolean; demoHouseholds?: number; shot?: () => Promise<void> }) {
    const p = this.page;
    await expect(this.root()).toBeVisible();
    await p.getByTestId('setup-office-name').fill(o.office.name);
    await p.getByTestId('setup-county').fill(o.office.county);
    await p.getByTestId('setup-region-code').fill(o.office.regionCode);
    await p.getByTestId('setup-next').click();
    await p.getByTestId('setup-username').fill(o.admin.username);
    await p.getByTestId('setup-display-name').fill(o.admin.displayName);
    await p.getByTestId('setup-password').fill(o.admin.password);
    await p.getByTestId('setup-confirm').fill(o.admin.password);
    await p.getByTestId('setup-next').click();
    await expect(p.getByTestId('setup-demo')).toBeChecked(); // the demo county is preselected
    if (o.demo) {
      if (o.demoHouseholds) await p.getByTestId('setup-demo-households').fill(String(o.demoHouseholds));
    } else {
      await p.getByTestId('setup-empty').check();
    }
    if (o.shot) await o.shot();
    await p.getByTestId('setup-finish').click();
    await expect(p.getByTestId('login-page')).toBeVisible({ timeout: 60_000 });
  }
}

export class LoginPage {
  constructor(readonly page: Page) {}
  root = () => this.page.getByTestId('login-page');
  demoNotice = () => this.page.getByTestId('demo-notice');
  async login(username: string, password: string) {
    await expect(this.root()).toBeVisible();
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
    await expect(this.page.getByTestId('header-user')).toBeVisible();
  }
}

export class ShellPage {
  constructor(readonly page: Page) {}
  nav = (key: string) => this.page.getByTestId(`nav-${key}`);
  async go(key: string) {
    await this.nav(key).click();
  }
  async setLanguage(lang: 'zh' | 'en') {
    await this.page.getByTestId('lang-switch').first().getByText(lang === 'zh' ? '中文' : 'English').click();
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
  async createUser(u: { username: string; displayName: string; role: 'clerk' | 'manager' | 'administrator'; password: string }) {
    const p = this.page;
    await p.getByTestId('tab-users').click();
    await p.getByTestId('new-user').click();
    await p.getByTestId('nu-username').fill(u.username);
    await p.getByTestId('nu-display').fill(u.displayName);
    await p.getByTestId('nu-role').selectOption(u.role);
    await p.getByTestId('nu-password').fill(u.password);
    await p.getByTestId('nu-submit').click();
    await expect(p.getByTestId(`user-row-${u.username}`)).toBeVisible();
  }
}
