import { appendAudit } from '../audit/audit';
import { changeOwnPassword, login, unlock } from '../auth/login';
import { appError } from '../common/errors';
import type { authMethods } from '../contract/auth';
import { qb, run } from '../db/query';
import { actor, staffActor, type HandlerMap } from './context';

export const authHandlers: HandlerMap<keyof typeof authMethods> = {
  'auth.login': (input, ctx) => login(ctx.store.raw, input.username, input.password, ctx.now),

  'auth.logout': (_i, ctx) => {
    const raw = ctx.store.raw;
    raw.transaction(() => {
      run(raw, qb.updateTable('sessions').set({ ended_at: ctx.now.toISOString() }).where('token_hash', '=', ctx.sessionHash));
      appendAudit(raw, { ...actor(ctx), action: 'logout', entity: 'session', at: ctx.now.toISOString() });
    })();
    return { ok: true as const };
  },

  'auth.unlock': async (input, ctx) => {
    if (!ctx.sessionHash) throw appError('not_logged_in', 'Please log in.', '请先登录。');
    await unlock(ctx.store.raw, staffActor(ctx), ctx.sessionHash, input.password, ctx.now);
    return { ok: true as const };
  },

  'auth.me': (_i, ctx) => {
    if (!ctx.user) throw appError('not_logged_in', 'Please log in.', '请先登录。');
    return { ...ctx.user, mustChangePassword: !!ctx.mustChangePassword };
  },

  'auth.changePassword': async (input, ctx) => {
    await changeOwnPassword(ctx.store.raw, staffActor(ctx), ctx.sessionHash, input.current, input.next, ctx.now);
    return { ok: true as const };
  },
};
