/**
 * Per test: a fresh data folder, the real host (`safetynet serve`) on a random loopback port
 * serving the built renderer (out/renderer — run `npx electron-vite build` first), and page objects.
 */
import type { Input, MethodName, Output } from '../../src-main/contract';
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SetupPage,
  LoginPage,
  ShellPage,
  HouseholdsPage,
  HouseholdFormPage,
  HouseholdPage,
  SettingsPage,
  ScreeningPage,
  ApprovalsPage,
  ScanPage,
  ParametersPage,
} from './pages.ts';
import { E2E_ADMIN } from './people.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = path.join(ROOT, 'tests', 'artifacts', 'screenshots');

export interface Host {
  url: string;
  openUrl: string;
  dir: string;
}

export async function startHost(dir: string): Promise<{ host: Host; child: ChildProcess }> {
  if (!fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html')))
    throw new Error('out/renderer is missing: run `npx electron-vite build` first');
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin', 'safetynet.mjs'), 'serve', '--db', path.join(dir, 'safetynet.db'), '--port', '0'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'test' },
    },
  );
  let out = '',
    err = '';
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in 30 s\n${out}\n${err}`)), 30_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}\n${out}\n${err}`));
    });
  });
  child.removeAllListeners('exit');
  return { host: { url: openUrl.replace(/\/#.*$/, ''), openUrl, dir }, child };
}

export interface Fixtures {
  host: Host;
  setup: SetupPage;
  login: LoginPage;
  shell: ShellPage;
  households: HouseholdsPage;
  form: HouseholdFormPage;
  household: HouseholdPage;
  settings: SettingsPage;
  screening: ScreeningPage;
  approvals: ApprovalsPage;
  scan: ScanPage;
  parameters: ParametersPage;
  shot: (name: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from this destructuring
  host: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-e2e-'));
    const { host, child } = await startHost(dir);
    await use(host);
    child.kill('SIGTERM');
    await new Promise((r) => {
      if (child.exitCode !== null) r(null);
      else {
        child.once('exit', r);
        setTimeout(r, 3000);
      }
    });
    fs.rmSync(dir, { recursive: true, force: true });
  },
  page: async ({ page, host }, use) => {
    // Start every test in Chinese unless it switches; the language choice lives in localStorage.
    await page.addInitScript(() => {
      if (!localStorage.getItem('safetynet.lang')) localStorage.setItem('safetynet.lang', 'zh');
    });
    await page.goto(host.openUrl);
    await use(page);
  },
  setup: async ({ page }, use) => use(new SetupPage(page)),
  login: async ({ page }, use) => use(new LoginPage(page)),
  shell: async ({ page }, use) => use(new ShellPage(page)),
  households: async ({ page }, use) => use(new HouseholdsPage(page)),
  form: async ({ page }, use) => use(new HouseholdFormPage(page)),
  household: async ({ page }, use) => use(new HouseholdPage(page)),
  settings: async ({ page }, use) => use(new SettingsPage(page)),
  screening: async ({ page }, use) => use(new ScreeningPage(page)),
  approvals: async ({ page }, use) => use(new ApprovalsPage(page)),
  scan: async ({ page }, use) => use(new ScanPage(page)),
  parameters: async ({ page }, use) => use(new ParametersPage(page)),
  shot: async ({ page }, use) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await use(async (name) => {
      // Everything fits 1366×768 without horizontal scrolling (UX.md).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow on ${name}`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
    });
  },
});

export { expect };
export type { Page };

/** Valid ID numbers (check characters computed), for members typed in tests. */
export function idNumber(region: string, birth: string, seq: string): string {
  const first17 = region + birth.replace(/-/g, '') + seq;
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += (first17.charCodeAt(i) - 48) * W[i];
  return first17 + '10X98765432'[s % 11];
}

/**
 * First run (empty office) and login, the common start of most tests. The user named here (`chief`)
 * is the office's first manager — who works on cases and asks for accounts — beside an administrator
 * (E2E_ADMIN) who confirms; with `as: 'administrator'` it is the administrator instead (docs/security.md).
 */
export async function setupEmptyAndLogin(
  p: { setup: SetupPage; login: LoginPage },
  admin = { username: 'chief', displayName: '王主任', password: 'secret1' },
  as: 'manager' | 'administrator' = 'manager',
) {
  const office = { name: '民政局社会救助股', county: '示范县', regionCode: '110105' };
  if (as === 'manager') await p.setup.complete({ office, admin: E2E_ADMIN, manager: admin, demo: false });
  else await p.setup.complete({ office, admin, demo: false });
  await p.login.login(admin.username, admin.password);
  return admin;
}

/** Calls the service as the logged-in page does (host token and session from the tab), to arrange data quickly. */
export async function api<M extends MethodName>(page: Page, method: M, input: Input<M>): Promise<Output<M>> {
  const env = await page.evaluate(
    async ({ method, input }) => {
      const res = await fetch('/api', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Safetynet-Token': sessionStorage.getItem('safetynet.hostToken') ?? '' },
        body: JSON.stringify({ method, input, session: sessionStorage.getItem('safetynet.session'), lang: 'zh' }),
      });
      return res.json();
    },
    { method, input },
  );
  if (!env.ok) throw new Error(`${method}: ${env.error.code} ${env.error.message}`);
  return env.value as Output<M>; // the service checked it against the contract's output schema
}

/** A small valid household (household-file shape) for arranging tests. */
export function sampleHousehold(
  headId: string,
  headName: string,
  more: Array<{ idNumber: string; name: string; relation: Relation }> = [],
) {
  return {
    residence: 'rural',
    area: { township: '城关镇', village: '东街社区' },
    address: '东街 1 号',
    members: [
      { idNumber: headId, name: headName, relation: 'head', status: 'present' },
      ...more.map((m) => ({ ...m, status: 'present' as const })),
    ],
  } satisfies HouseholdInput;
}

type HouseholdInput = Input<'households.create'>['household'];
type Relation = HouseholdInput['members'][number]['relation'];
