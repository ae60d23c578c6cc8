/**
 * Signing in (docs/security.md "Sign-in"): the password checked against the user's hash, or a
 * dummy one when the name is unknown (the same time either way); five failures in a row — at
 * login, unlock or password change — lock the account for 15 minutes; every failure, lock and
 * refusal is audited, naming the user only when the account exists.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { StaffActor } from '../audit/actor';
import { appError, AppError } from '../common/errors';
import type { User } from '../contract/common';
import { first, qb, run } from '../db/query';
import { dummyHash, hashPassword, needsRehash, passwordProblem, verifyPassword } from './password';
import { createSession, endSessions, userFromRow, type UserRow } from './sessions';

export const LOCKOUT = { failures: 5, minutes: 15 } as const;
/** What a login_failed row names when the typed name is no account: never the text itself (it may be a password typed in the wrong box). */
export const UNKNOWN_USER = 'unknown user';

const userByName = (raw: BetterSqlite3.Database, username: string) =>
  first(raw, qb.selectFrom('users').selectAll().where('username', '=', username));
const userByIdRow = (raw: BetterSqlite3.Database, id: number) => first(raw, qb.selectFrom('users').selectAll().where('id', '=', id));

const hhmm = (iso: string) => iso.slice(11, 16);

function lockedError(until: string): AppError {
  return appError(
    'account_locked',
    `Too many wrong passwords: this account is locked until ${hhmm(until)} (UTC). Try again later, or ask for a password reset.`,
    `密码错误次数过多，账号已锁定至 ${hhmm(until)}（UTC）。请稍后再试，或申请重置密码。`,
    'password',
  );
}

const isLocked = (u: UserRow, now: Date) => !!u.locked_until && Date.parse(u.locked_until) > now.getTime();

/**
 * Counts a wrong password against an existing account; at the fifth the account locks and its
 * sessions end. Returns the error to answer (audited in the same transaction).
 */
function countFailure(raw: BetterSqlite3.Database, u: UserRow, what: 'login' | 'unlock' | 'password_change', now: Date): AppError {
  return raw.transaction(() => {
    const failures = u.failed_logins + 1;
    const at = now.toISOString();
    const who = { userId: u.id, username: u.username };
    appendAudit(raw, { ...who, action: `${what}_failed`, entity: 'session', summary: `wrong password (${failures} in a row)`, at });
    if (failures < LOCKOUT.failures) {
      run(raw, qb.updateTable('users').set({ failed_logins: failures }).where('id', '=', u.id));
      return what === 'login'
        ? appError('bad_credentials', 'Wrong username or password.', '用户名或密码错误。', 'password')
        : appError('bad_credentials', 'Wrong password.', '密码错误。', what === 'password_change' ? 'current' : 'password');
    }
    const until = new Date(now.getTime() + LOCKOUT.minutes * 60_000).toISOString();
    run(raw, qb.updateTable('users').set({ failed_logins: 0, locked_until: until }).where('id', '=', u.id));
    const ended = endSessions(raw, u.id, now);
    appendAudit(raw, {
      ...who,
      action: 'account_locked',
      entity: 'user',
      entityId: u.id,
      summary: `${LOCKOUT.failures} wrong passwords in a row: locked until ${until}; ${ended} session(s) ended`,
      at,
    });
    return lockedError(until);
  })();
}

export interface LoginResult {
  session: string;
  user: User;
  mustChangePassword: boolean;
}

export async function login(raw: BetterSqlite3.Database, username: string, password: string, now: Date): Promise<LoginResult> {
  const u = userByName(raw, username);
  // Always one scrypt, also for an unknown name: the answer takes the same time.
  const ok = await verifyPassword(password, u?.password_hash ?? (await dummyHash()));
  const at = now.toISOString();
  if (!u) {
    raw.transaction(() =>
      appendAudit(raw, { userId: null, username: UNKNOWN_USER, action: 'login_failed', entity: 'session', summary: 'no such account', at }),
    )();
    throw appError('bad_credentials', 'Wrong username or password.', '用户名或密码错误。', 'password');
  }
  const who = { userId: u.id, username: u.username };
  if (isLocked(u, now)) {
    raw.transaction(() =>
      appendAudit(raw, { ...who, action: 'login_refused', entity: 'session', summary: `account locked until ${u.locked_until}`, at }),
    )();
    throw lockedError(u.locked_until ?? at);
  }
  if (!u.active) {
    raw.transaction(() => appendAudit(raw, { ...who, action: 'login_failed', entity: 'session', summary: 'account deactivated', at }))();
    throw appError('bad_credentials', 'Wrong username or password.', '用户名或密码错误。', 'password');
  }
  if (!ok) throw countFailure(raw, u, 'login', now);
  const rehash = needsRehash(u.password_hash) ? await hashPassword(password) : null;
  // A password that no longer meets the policy (the old demo password, a short one) is changed now.
  const mustChangePassword = !!u.must_change_password || passwordProblem(password) !== null;
  const session = raw.transaction(() => {
    run(
      raw,
      qb
        .updateTable('users')
        .set({
          failed_logins: 0,
          locked_until: null,
          ...(rehash ? { password_hash: rehash } : {}),
          must_change_password: mustChangePassword ? 1 : 0,
        })
        .where('id', '=', u.id),
    );
    const token = createSession(raw, u.id, now);
    appendAudit(raw, {
      ...who,
      action: 'login',
      entity: 'session',
      summary:
        [rehash ? 'password re-hashed with today’s parameters' : '', mustChangePassword ? 'must change password' : '']
          .filter(Boolean)
          .join('; ') || null,
      at,
    });
    return token;
  })();
  return { session, user: userFromRow(u), mustChangePassword };
}

/** The idle lock lifted by the password; wrong passwords count toward the lockout like a login's. */
export async function unlock(
  raw: BetterSqlite3.Database,
  actor: StaffActor,
  sessionHash: string,
  password: string,
  now: Date,
): Promise<void> {
  const u = userByIdRow(raw, actor.userId);
  if (!u) throw appError('not_logged_in', 'Please log in.', '请先登录。');
  const ok = await verifyPassword(password, u.password_hash);
  if (isLocked(u, now)) throw lockedError(u.locked_until ?? now.toISOString());
  if (!ok) throw countFailure(raw, u, 'unlock', now);
  raw.transaction(() => {
    run(raw, qb.updateTable('users').set({ failed_logins: 0 }).where('id', '=', u.id));
    run(raw, qb.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('token_hash', '=', sessionHash));
    appendAudit(raw, { ...actor, action: 'unlock', entity: 'session', at: now.toISOString() });
  })();
}

/** One's own password: the current one checked, the new one by the policy; the user's other sessions end. */
export async function changeOwnPassword(
  raw: BetterSqlite3.Database,
  actor: StaffActor,
  sessionHash: string | null,
  current: string,
  next: string,
  now: Date,
): Promise<void> {
  const u = userByIdRow(raw, actor.userId);
  if (!u) throw appError('not_logged_in', 'Please log in.', '请先登录。');
  const ok = await verifyPassword(current, u.password_hash);
  if (isLocked(u, now)) throw lockedError(u.locked_until ?? now.toISOString());
  if (!ok) throw countFailure(raw, u, 'password_change', now);
  const problem = passwordProblem(next, u.username);
  if (problem) throw appError('weak_password', problem.en, problem.zh, 'next');
  if (next === current)
    throw appError('same_password', 'Choose a password other than the current one.', '新密码不能与当前密码相同。', 'next');
  const hash = await hashPassword(next);
  raw.transaction(() => {
    run(
      raw,
      qb
        .updateTable('users')
        .set({ password_hash: hash, must_change_password: 0, failed_logins: 0, password_changed_at: now.toISOString() })
        .where('id', '=', u.id),
    );
    const ended = endSessions(raw, u.id, now, sessionHash);
    appendAudit(raw, {
      ...actor,
      action: 'password_change',
      entity: 'user',
      entityId: u.id,
      summary: `own password changed; ${ended} other session(s) ended`,
      at: now.toISOString(),
    });
  })();
}
