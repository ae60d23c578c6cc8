import { appendAudit } from '../audit/audit';
import { verifyPassword } from '../auth/password';
import { createSession, userFromRow } from '../auth/sessions';
import { appError } from '../common/errors';
import type { authMethods } from '../contract/auth';
import { first, qb, run } from '../db/query';
import { actor, staffActor, type HandlerMap } from './context';

export const authHandlers: HandlerMap<keyof typeof authMethods> = {
  'auth.login': (input, ctx) => {
    const raw = ctx.store.raw;
    const r = first(raw, qb.selectFrom('users').selectAll().where('username', '=', input.username));
    if (!r || !r.active || !verifyPassword(input.password, r.password_hash)) {
      raw.transaction(() =>
        appendAudit(raw, {
          userId: r?.id ?? null,
          username: input.username,
          action: 'login_failed',
          entity: 'session',
          summary: 'wrong username or password',
          at: ctx.now.toISOString(),
        }),
      )();
      throw appError('bad_credentials', 'Wrong username or password.', '用户名或密码错误。', 'password');
    }
    const user = userFromRow(r);
    const session = raw.transaction(() => {
      const t = createSession(raw, user.id, ctx.now);
      appendAudit(raw, { userId: user.id, username: user.username, action: 'login', entity: 'session', at: ctx.now.toISOString() });
      return t;
    })();
    return { session, user };
  },

  'auth.logout': (_i, ctx) => {
    const raw = ctx.store.raw;
    raw.transaction(() => {
      run(raw, qb.updateTable('sessions').set({ ended_at: ctx.now.toISOString() }).where('token_hash', '=', ctx.sessionHash));
      appendAudit(raw, { ...actor(ctx), action: 'logout', entity: 'session', at: ctx.now.toISOString() });
    })();
    return { ok: true as const };
  },

  'auth.unlock': (input, ctx) => {
    const raw = ctx.store.raw;
    const r = first(raw, qb.selectFrom('users').select('password_hash').where('id', '=', staffActor(ctx).userId));
    if (!r || !verifyPassword(input.password, r.password_hash))
      throw appError('bad_credentials', 'Wrong password.', '密码错误。', 'password');
    raw.transaction(() => {
      run(raw, qb.updateTable('sessions').set({ last_seen_at: ctx.now.toISOString() }).where('token_hash', '=', ctx.sessionHash));
      appendAudit(raw, { ...actor(ctx), action: 'unlock', entity: 'session', at: ctx.now.toISOString() });
    })();
    return { ok: true as const };
  },

  'auth.me': (_i, ctx) => {
    if (!ctx.user) throw appError('not_logged_in', 'Please log in.', '请先登录。');
    return ctx.user;
  },
};
