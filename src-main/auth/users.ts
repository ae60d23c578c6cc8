/**
 * Accounts: create, read, change; every change audited with before and after. Creating an account,
 * changing its role, enabling it again or resetting its password takes two people (./request-kinds.ts);
 * what one person may do alone is here (docs/security.md "Roles and the two-person rule").
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appError } from '../common/errors';
import type { User } from '../contract/common';
import { all, first, qb, run } from '../db/query';
import { hashPasswordSync } from './password';
import { endSessions, userFromRow } from './sessions';

export function userById(raw: BetterSqlite3.Database, id: number): User {
  const r = first(raw, qb.selectFrom('users').selectAll().where('id', '=', id));
  if (!r) throw appError('not_found', `No user #${id}.`, `没有编号为 ${id} 的用户。`);
  return userFromRow(r);
}

export function listUsers(raw: BetterSqlite3.Database): User[] {
  return all(raw, qb.selectFrom('users').selectAll().orderBy('id')).map(userFromRow);
}

export function assertUsernameFree(raw: BetterSqlite3.Database, username: string): void {
  if (first(raw, qb.selectFrom('users').select('id').where('username', '=', username))) {
    throw appError('username_taken', `The username ${username} is already in use.`, `用户名 ${username} 已被使用。`, 'username');
  }
}

export interface NewUser {
  username: string;
  displayName: string;
  role: User['role'];
  /** The password (hashed here, synchronously: set-up and the demo county), or its hash made beforehand. */
  password?: string;
  passwordHash?: string;
  /** Set by someone else: changed at the first login (docs/security.md "Sign-in"). */
  mustChangePassword: boolean;
}

/** Inserts an account, in the caller's transaction. */
export function insertUser(raw: BetterSqlite3.Database, u: NewUser, actor: Actor, now: Date): User {
  assertUsernameFree(raw, u.username);
  const hash = u.passwordHash ?? (u.password !== undefined ? hashPasswordSync(u.password) : null);
  if (!hash) throw new Error('insertUser needs a password or its hash');
  const id = run(
    raw,
    qb.insertInto('users').values({
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      password_hash: hash,
      active: 1,
      created_at: now.toISOString(),
      must_change_password: u.mustChangePassword ? 1 : 0,
    }),
  ).lastInsertRowid;
  const user = userById(raw, id);
  appendAudit(raw, {
    ...actor,
    action: 'create',
    entity: 'user',
    entityId: id,
    summary: `user ${u.username} (${u.role})`,
    after: user,
    at: now.toISOString(),
  });
  return user;
}

export interface UserChange {
  id: number;
  displayName?: string;
  role?: User['role'];
  active?: boolean;
  /** A reset: the new password's hash; the user changes it at the next login. */
  passwordHash?: string;
}

/** What of a change needs a second person: a role, enabling again, a password reset (a way into someone's account). */
export const changeNeedsTwo = (before: User, c: Omit<UserChange, 'id'>): boolean =>
  (c.role !== undefined && c.role !== before.role) || (c.active === true && !before.active) || c.passwordHash !== undefined;

/** Applies a change in the caller's transaction (alone, or at a request's confirmation). */
export function applyUserChange(raw: BetterSqlite3.Database, input: UserChange, actor: Actor, now: Date): User {
  const before = userById(raw, input.id);
  const user = qb.updateTable('users').where('id', '=', input.id);
  if (input.displayName !== undefined) run(raw, user.set({ display_name: input.displayName }));
  if (input.role !== undefined) run(raw, user.set({ role: input.role }));
  if (input.active !== undefined) run(raw, user.set({ active: input.active ? 1 : 0 }));
  if (input.passwordHash !== undefined)
    run(raw, user.set({ password_hash: input.passwordHash, must_change_password: 1, failed_logins: 0, locked_until: null }));
  // A deactivated account, a reset password or another role: the sessions opened before it end.
  const ended =
    input.active === false || input.passwordHash !== undefined || (input.role !== undefined && input.role !== before.role)
      ? endSessions(raw, input.id, now)
      : 0;
  const after = userById(raw, input.id);
  appendAudit(raw, {
    ...actor,
    action: 'update',
    entity: 'user',
    entityId: input.id,
    summary: `user ${after.username}${input.passwordHash !== undefined ? ' (password reset)' : ''}${ended ? `; ${ended} session(s) ended` : ''}`,
    before,
    after,
    at: now.toISOString(),
  });
  return after;
}

/** A change one person may make alone: a display name, or switching an account off. */
export function updateUserAlone(raw: BetterSqlite3.Database, input: UserChange, actor: Actor, now: Date): User {
  return raw.transaction(() => {
    const before = userById(raw, input.id);
    if (changeNeedsTwo(before, input)) throw new Error('this change needs a second person: ask for it (requests)');
    if (before.id === actor.userId && input.active === false)
      throw appError('cannot_demote_self', 'You cannot deactivate yourself.', '不能停用自己。', 'active');
    return applyUserChange(raw, input, actor, now);
  })();
}

export function assignableUsers(raw: BetterSqlite3.Database) {
  return all(
    raw,
    qb
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'role'])
      .where('active', '=', 1)
      .where('role', 'in', ['clerk', 'manager'])
      .orderBy('role')
      .orderBy('id'),
  ).map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, role: u.role }));
}
