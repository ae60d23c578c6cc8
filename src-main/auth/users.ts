/** Accounts: create, read, change; every change audited with before and after. */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appError } from '../common/errors';
import type { User } from '../contract/common';
import { all, first, qb, run } from '../db/query';
import { hashPassword } from './password';
import { userFromRow } from './sessions';

export function userById(raw: BetterSqlite3.Database, id: number): User {
  const r = first(raw, qb.selectFrom('users').selectAll().where('id', '=', id));
  if (!r) throw appError('not_found', `No user #${id}.`, `没有编号为 ${id} 的用户。`);
  return userFromRow(r);
}

export function listUsers(raw: BetterSqlite3.Database): User[] {
  return all(raw, qb.selectFrom('users').selectAll().orderBy('id')).map(userFromRow);
}

export function insertUser(
  raw: BetterSqlite3.Database,
  u: { username: string; displayName: string; role: User['role']; password: string },
  actor: Actor,
  now: Date,
): User {
  if (first(raw, qb.selectFrom('users').select('id').where('username', '=', u.username))) {
    throw appError('username_taken', `The username ${u.username} is already in use.`, `用户名 ${u.username} 已被使用。`, 'username');
  }
  const id = run(
    raw,
    qb.insertInto('users').values({
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      password_hash: hashPassword(u.password),
      active: 1,
      created_at: now.toISOString(),
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
  password?: string;
}

export function updateUser(raw: BetterSqlite3.Database, input: UserChange, actor: Actor, now: Date): User {
  return raw.transaction(() => {
    const before = userById(raw, input.id);
    if (before.id === actor.userId && ((input.role && input.role !== 'administrator') || input.active === false)) {
      throw appError(
        'cannot_demote_self',
        'You cannot remove your own administrator role or deactivate yourself.',
        '不能撤销自己的管理员角色或停用自己。',
        'role',
      );
    }
    const user = qb.updateTable('users').where('id', '=', input.id);
    if (input.displayName !== undefined) run(raw, user.set({ display_name: input.displayName }));
    if (input.role !== undefined) run(raw, user.set({ role: input.role }));
    if (input.active !== undefined) {
      run(raw, user.set({ active: input.active ? 1 : 0 }));
      if (!input.active)
        run(
          raw,
          qb.updateTable('sessions').set({ ended_at: now.toISOString() }).where('user_id', '=', input.id).where('ended_at', 'is', null),
        );
    }
    if (input.password !== undefined) run(raw, user.set({ password_hash: hashPassword(input.password) }));
    const after = userById(raw, input.id);
    appendAudit(raw, {
      ...actor,
      action: 'update',
      entity: 'user',
      entityId: input.id,
      summary: `user ${after.username}${input.password !== undefined ? ' (password reset)' : ''}`,
      before,
      after,
      at: now.toISOString(),
    });
    return after;
  })();
}

export function assignableUsers(raw: BetterSqlite3.Database) {
  return all(
    raw,
    qb
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'role'])
      .where('active', '=', 1)
      .where('role', '!=', 'administrator')
      .orderBy('role')
      .orderBy('id'),
  ).map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, role: u.role }));
}
