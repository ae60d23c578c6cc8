/**
 * Who is who in an e2e office, and their passwords as the office's rules make them
 * (docs/security.md "Sign-in", "Roles and the two-person rule"): passwords of 8+ characters with
 * letters and digits, changed at the first login when someone else set them, and a second person
 * who confirms what one asks. The page objects use it so that the specs keep speaking of
 * `login('clerk1', 'pass1')` and `createUser(...)` — the fixture does the rest, once.
 */
import type { Page } from '@playwright/test';
import type { Input, MethodName, Output } from '../../src-main/contract';
import { DEMO_PASSWORD } from '../../src-main/contract/users';

/** A spec's short password made to meet the policy, the same way everywhere (`pass1` → `pass1-e2e-2026`); `demo` is the demo county's. */
export function e2ePassword(p: string): string {
  if (p === 'demo') return DEMO_PASSWORD;
  return p.length >= 8 && /[A-Za-z]/.test(p) && /\d/.test(p) ? p : `${p}-e2e-2026`;
}

/** The password a user changes an initial one to, at the first login. */
export const changedPassword = (current: string) => `${current}-z9`;

/** The administrator that `setupEmptyAndLogin` sets up beside the spec's own user (who is then the first manager). */
export const E2E_ADMIN = { username: 'sysadmin', displayName: '系统管理员', password: 'keeper-2026-e2e' } as const;
/** The first manager the set-up page names when a spec's own user is the administrator. */
export const E2E_DIRECTOR = { username: 'director', displayName: '李主任', password: 'signoff-2026-e2e' } as const;
/** A second manager, made when a parameter needs a manager who did not ask. */
const DEPUTY = { username: 'deputy', displayName: '副主任', password: 'second-2026-e2e' } as const;

interface Person {
  role: 'administrator' | 'manager' | 'clerk' | 'auditor';
  password: string;
}

const offices = new WeakMap<Page, Map<string, Person>>();
const office = (page: Page) => offices.get(page) ?? offices.set(page, new Map()).get(page)!;

/** Notes an account the spec made and the password it was given (e2ePassword already applied). */
export function remember(page: Page, username: string, role: Person['role'], password: string): void {
  office(page).set(username, { role, password });
}

/** The password to type now for `username`, given the one the spec names. */
export function passwordOf(page: Page, username: string, named: string): string {
  return office(page).get(username)?.password ?? e2ePassword(named);
}

export function changed(page: Page, username: string, password: string): void {
  const p = office(page).get(username);
  office(page).set(username, { role: p?.role ?? 'clerk', password });
}

/** Calls the service from the page (its host token) as any session, not the tab's own. */
export async function apiAs<M extends MethodName>(page: Page, session: string | null, method: M, input: Input<M>): Promise<Output<M>> {
  const env = await page.evaluate(
    async ({ method, input, session }) => {
      const res = await fetch('/api', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Safetynet-Token': sessionStorage.getItem('safetynet.hostToken') ?? '' },
        body: JSON.stringify({ method, input, session, lang: 'zh' }),
      });
      return res.json();
    },
    { method, input, session },
  );
  if (!env.ok) throw new Error(`${method}: ${env.error.code} ${env.error.message}`);
  return env.value as Output<M>; // the service checked it against the contract's output schema
}

/** Logs someone in beside the tab (a second person at the same office), changing an initial password once. */
export async function sessionOf(page: Page, username: string): Promise<string> {
  const p = office(page).get(username);
  if (!p) throw new Error(`the e2e office has no ${username}`);
  const r = await apiAs(page, null, 'auth.login', { username, password: p.password });
  if (r.mustChangePassword) {
    const next = changedPassword(p.password);
    await apiAs(page, r.session, 'auth.changePassword', { current: p.password, next });
    changed(page, username, next);
  }
  return r.session;
}

/** Someone of `roles` other than `not`, making a second manager when the office has only one. */
async function confirmer(page: Page, roles: Person['role'][], not: string): Promise<string> {
  const found = [...office(page)].find(([u, p]) => u !== not && roles.includes(p.role));
  if (found) return found[0];
  if (!roles.includes('manager')) throw new Error(`no one to confirm besides ${not}`);
  // A deputy manager, asked by the administrator and confirmed by the first manager, as the office would.
  const admin = [...office(page)].find(([, p]) => p.role === 'administrator')?.[0];
  const manager = [...office(page)].find(([, p]) => p.role === 'manager')?.[0];
  if (!admin || !manager) throw new Error('the e2e office lacks an administrator or a manager');
  const asked = await apiAs(page, await sessionOf(page, admin), 'users.create', { ...DEPUTY, role: 'manager' });
  await apiAs(page, await sessionOf(page, manager), 'requests.confirm', { id: asked.id });
  remember(page, DEPUTY.username, 'manager', DEPUTY.password);
  return DEPUTY.username;
}

const CONFIRMERS: Record<string, Person['role'][]> = {
  'user.create': ['manager', 'administrator'],
  'user.update': ['manager', 'administrator'],
  'parameters.add': ['manager'],
  'temporary.parameter': ['manager'],
  'backup.restore': ['manager', 'administrator'],
};

/** Confirms the latest waiting request of `kind`, as a second person of the right role (not its asker). */
export async function confirmLatest(page: Page, kind: string, secret?: string): Promise<void> {
  const someone = [...office(page)].find(([, p]) => p.role === 'administrator' || p.role === 'manager')?.[0];
  if (!someone) throw new Error('the e2e office has no one who keeps accounts');
  const waiting = (await apiAs(page, await sessionOf(page, someone), 'requests.list', {})).filter(
    (r) => r.kind === kind && r.status === 'pending',
  );
  const r = waiting.at(-1);
  if (!r) throw new Error(`no waiting ${kind} request`);
  const by = await confirmer(page, CONFIRMERS[kind] ?? ['manager'], r.askedBy);
  await apiAs(page, await sessionOf(page, by), 'requests.confirm', { id: r.id, ...(secret ? { secret } : {}) });
}
