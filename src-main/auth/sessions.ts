/**
 * Sessions: a random token given to the client, only its SHA-256 stored. Idle ones lock; every
 * session ends after 12 hours whatever happens, and all of a user's end when their password is
 * reset or they are deactivated (docs/security.md "Sign-in").
 */
import crypto from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Selectable } from 'kysely';
import { appError } from '../common/errors';
import type { User } from '../contract';
import { first, qb, run } from '../db/query';
import type { UsersTable } from '../db/schema';

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** The absolute lifetime of a session, however active. */
export const SESSION_HOURS = 12;

export function createSession(raw: BetterSqlite3.Database, userId: number, now: Date): string {
  const token = crypto.randomBytes(32).toString('base64url');
  run(
    raw,
    qb
      .insertInto('sessions')
      .values({ token_hash: sha256(token), user_id: userId, created_at: now.toISOString(), last_seen_at: now.toISOString() }),
  );
  return token;
}

/** Ends every open session of a user (but `keep`, the caller's own, when they change their own password). */
export function endSessions(raw: BetterSqlite3.Database, userId: number, now: Date, keep?: string | null): number {
  let q = qb.updateTable('sessions').set({ ended_at: now.toISOString() }).where('user_id', '=', userId).where('ended_at', 'is', null);
  if (keep) q = q.where('token_hash', '!=', keep);
  return run(raw, q).changes;
}

export type UserRow = Selectable<UsersTable>;

export function userFromRow(r: Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'active'>): User {
  return { id: r.id, username: r.username, displayName: r.display_name, role: r.role, active: !!r.active };
}

export interface ResolvedSession {
  user: User;
  hash: string;
  /** An initial or demo password still in use: only the password change is open. */
  mustChangePassword: boolean;
}

/**
 * Resolves the caller. A session idle longer than the lock time is refused with
 * `session_locked` (the UI asks for the password) unless the method is the unlock itself;
 * one older than SESSION_HOURS is ended (`session_expired`: log in again).
 */
export function resolveSession(
  raw: BetterSqlite3.Database,
  token: string,
  now: Date,
  idleMinutes: number,
  allowLocked: boolean,
): ResolvedSession {
  const hash = sha256(token);
  const r = first(
    raw,
    qb
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.token_hash', 's.created_at', 's.last_seen_at', 'u.id', 'u.username', 'u.display_name', 'u.role', 'u.active'])
      .select('u.must_change_password')
      .where('s.token_hash', '=', hash)
      .where('s.ended_at', 'is', null),
  );
  if (!r || !r.active) throw appError('not_logged_in', 'Please log in.', '请先登录。');
  if (now.getTime() - Date.parse(r.created_at) > SESSION_HOURS * 3_600_000) {
    run(raw, qb.updateTable('sessions').set({ ended_at: now.toISOString() }).where('token_hash', '=', hash));
    throw appError(
      'session_expired',
      `A session lasts at most ${SESSION_HOURS} hours; please log in again.`,
      `每次登录最长有效 ${SESSION_HOURS} 小时，请重新登录。`,
    );
  }
  const idleMs = now.getTime() - Date.parse(r.last_seen_at);
  if (!allowLocked) {
    if (idleMs > idleMinutes * 60_000)
      throw appError(
        'session_locked',
        `The session locked after ${idleMinutes} idle minutes; enter your password to continue.`,
        `已闲置 ${idleMinutes} 分钟，会话已锁定，请输入密码继续。`,
      );
    // Touch at most every 15 s: a write per keystroke-search would be waste.
    if (idleMs > 15_000) run(raw, qb.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('token_hash', '=', hash));
  }
  return { user: userFromRow(r), hash, mustChangePassword: !!r.must_change_password };
}
