/** Accounts: create, read, change; every change audited with before and after. */
import type BetterSqlite3 from 'better-sqlite3';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appError } from '../common/errors';
import type { User } from '../contract/common';
import { hashPassword } from './password';
import { userFromRow, type UserRow } from './sessions';

export function userById(raw: BetterSqlite3.Database, id: number): User {
  const r = raw.prepare(`SELECT * FROM users WHERE id = ?`).get(id) as UserRow | undefined;
  if (!r) throw appError('not_found', `No user #${id}.`, `没有编号为 ${id} 的用户。`);
  return userFromRow(r);
}

export function listUsers(raw: BetterSqlite3.Database): User[] {
  return (raw.prepare(`SELECT * FROM users ORDER BY id`).all() as UserRow[]).map(userFromRow);
}

export function insertUser(
  raw: BetterSqlite3.Database,
  u: { username: string; displayName: string; role: User['role']; password: string },
  actor: Actor,
  now: Date,
): User {
  if (raw.prepare(`SELECT 1 FROM users WHERE username = ?`).get(u.username)) {
    throw appError('username_taken', `The username ${u.username} is already in use.`, `用户名 ${u.username} 已被使用。`, 'username');
  }
  const id = Number(
    raw
      .prepare(`INSERT INTO users (username, display_name, role, password_hash, active, created_at) VALUES (?, ?, ?, ?, 1, ?)`)
      .run(u.username, u.displayName, u.role, hashPassword(u.password), now.toISOString()).lastInsertRowid,
  );
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
    if (input.displayName !== undefined) raw.prepare(`UPDATE users SET display_name = ? WHERE id = ?`).run(input.displayName, input.id);
    if (input.role !== undefined) raw.prepare(`UPDATE users SET role = ? WHERE id = ?`).run(input.role, input.id);
    if (input.active !== undefined) {
      raw.prepare(`UPDATE users SET active = ? WHERE id = ?`).run(input.active ? 1 : 0, input.id);
      if (!input.active)
        raw.prepare(`UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL`).run(now.toISOString(), input.id);
    }
    if (input.password !== undefined)
      raw.prepare(`UPDATE users SET password_hash = ? WHERE id = ?`).run(hashPassword(input.password), input.id);
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
  return (
    raw
      .prepare(`SELECT id, username, display_name, role FROM users WHERE active = 1 AND role != 'administrator' ORDER BY role, id`)
      .all() as UserRow[]
  ).map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, role: u.role }));
}
