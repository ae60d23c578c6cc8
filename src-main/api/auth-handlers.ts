import { appendAudit } from '../audit/audit';
import { hashPassword, verifyPassword } from '../auth/password';
import { createSession, userFromRow } from '../auth/sessions';
import { appError } from '../common/errors';
import type { Ctx, HandlerMap } from './context';
import type { authMethods } from '../contract/auth';
import type { User } from '../contract';

type Names = keyof typeof authMethods;

export function officeOf(ctx: Ctx) {
  const o = ctx.store.raw.prepare(`SELECT name, county, region_code, is_demo FROM office WHERE id = 1`).get() as any;
  return o ? { name: o.name, county: o.county, regionCode: o.region_code, isDemo: !!o.is_demo } : null;
}

function userById(ctx: Ctx, id: number): User {
  const r = ctx.store.raw.prepare(`SELECT * FROM users WHERE id = ?`).get(id) as any;
  if (!r) throw appError('not_found', `No user #${id}.`, `没有编号为 ${id} 的用户。`);
  return userFromRow(r);
}

const actor = (ctx: Ctx) => ({ userId: ctx.user?.id ?? null, username: ctx.user?.username ?? ctx.actorName ?? 'system' });

export function insertUser(ctx: Ctx, u: { username: string; displayName: string; role: User['role']; password: string }): User {
  const raw = ctx.store.raw;
  if (raw.prepare(`SELECT 1 FROM users WHERE username = ?`).get(u.username)) {
    throw appError('username_taken', `The username ${u.username} is already in use.`, `用户名 ${u.username} 已被使用。`, 'username');
  }
  const id = Number(
    raw.prepare(`INSERT INTO users (username, display_name, role, password_hash, active, created_at) VALUES (?, ?, ?, ?, 1, ?)`).run(u.username, u.displayName, u.role, hashPassword(u.password), ctx.now.toISOString()).lastInsertRowid,
  );
  const user = userById(ctx, id);
  appendAudit(raw, { ...actor(ctx), action: 'create', entity: 'user', entityId: id, summary: `user ${u.username} (${u.role})`, after: user, at: ctx.now.toISOString() });
  return user;
}

export const authHandlers: HandlerMap<Names> = {
  'app.status': (_i, ctx) => {
    const users = (ctx.store.raw.prepare(`SELECT COUNT(*) AS n FROM users`).get() as { n: number }).n;
    return { needsSetup: users === 0, office: officeOf(ctx), version: ctx.opts.version, idleLockMinutes: ctx.opts.idleLockMinutes };
  },

  'setup.complete': (input, ctx) => {
    const raw = ctx.store.raw;
    raw.transaction(() => {
      const users = (raw.prepare(`SELECT COUNT(*) AS n FROM users`).get() as { n: number }).n;
      if (users > 0) throw appError('already_set_up', 'This office is already set up; log in instead.', '本单位已完成初始设置，请直接登录。');
      raw.prepare(`INSERT OR REPLACE INTO office (id, name, county, region_code, is_demo, created_at) VALUES (1, ?, ?, ?, ?, ?)`).run(input.office.name, input.office.county, input.office.regionCode, input.demo ? 1 : 0, ctx.now.toISOString());
      appendAudit(raw, { userId: null, username: input.admin.username, action: 'setup', entity: 'office', entityId: 1, summary: `office set up${input.demo ? ' with the demo county' : ''}`, after: input.office, at: ctx.now.toISOString() });
      const admin = insertUser({ ...ctx, user: null }, { ...input.admin, role: 'administrator' });
      if (input.demo) {
        if (!ctx.opts.seedDemo) throw appError('demo_unavailable', 'The demo county is not available in this build.', '此版本不含演示数据。');
        const demoCtx = { ...ctx, user: admin };
        for (const [username, role, displayName] of [['manager', 'manager', '审核员（演示）'], ['clerk', 'clerk', '经办员（演示）']] as const) {
          if (username !== input.admin.username) insertUser(demoCtx, { username, displayName, role, password: 'demo' });
        }
        ctx.opts.seedDemo(ctx.store, input.demoHouseholds ?? 2000);
      }
    })();
    return { ok: true as const };
  },

  'auth.login': (input, ctx) => {
    const raw = ctx.store.raw;
    const r = raw.prepare(`SELECT * FROM users WHERE username = ?`).get(input.username) as any;
    if (!r || !r.active || !verifyPassword(input.password, r.password_hash)) {
      raw.transaction(() => appendAudit(raw, { userId: r?.id ?? null, username: input.username, action: 'login_failed', entity: 'session', summary: 'wrong username or password', at: ctx.now.toISOString() }))();
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
      raw.prepare(`UPDATE sessions SET ended_at = ? WHERE token_hash = ?`).run(ctx.now.toISOString(), ctx.sessionHash);
      appendAudit(raw, { ...actor(ctx), action: 'logout', entity: 'session', at: ctx.now.toISOString() });
    })();
    return { ok: true as const };
  },

  'auth.unlock': (input, ctx) => {
    const raw = ctx.store.raw;
    const r = raw.prepare(`SELECT password_hash FROM users WHERE id = ?`).get(ctx.user!.id) as { password_hash: string };
    if (!verifyPassword(input.password, r.password_hash)) throw appError('bad_credentials', 'Wrong password.', '密码错误。', 'password');
    raw.transaction(() => {
      raw.prepare(`UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`).run(ctx.now.toISOString(), ctx.sessionHash);
      appendAudit(raw, { ...actor(ctx), action: 'unlock', entity: 'session', at: ctx.now.toISOString() });
    })();
    return { ok: true as const };
  },

  'auth.me': (_i, ctx) => ctx.user!,

  'users.list': (_i, ctx) => (ctx.store.raw.prepare(`SELECT * FROM users ORDER BY id`).all() as any[]).map(userFromRow),

  'users.assignable': (_i, ctx) =>
    (ctx.store.raw.prepare(`SELECT id, username, display_name, role FROM users WHERE active = 1 AND role != 'administrator' ORDER BY role, id`).all() as any[])
      .map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, role: u.role })),

  'users.create': (input, ctx) => ctx.store.raw.transaction(() => insertUser(ctx, input))(),

  'users.update': (input, ctx) => {
    const raw = ctx.store.raw;
    return raw.transaction(() => {
      const before = userById(ctx, input.id);
      if (before.id === ctx.user!.id && ((input.role && input.role !== 'administrator') || input.active === false)) {
        throw appError('cannot_demote_self', 'You cannot remove your own administrator role or deactivate yourself.', '不能撤销自己的管理员角色或停用自己。', 'role');
      }
      if (input.displayName !== undefined) raw.prepare(`UPDATE users SET display_name = ? WHERE id = ?`).run(input.displayName, input.id);
      if (input.role !== undefined) raw.prepare(`UPDATE users SET role = ? WHERE id = ?`).run(input.role, input.id);
      if (input.active !== undefined) {
        raw.prepare(`UPDATE users SET active = ? WHERE id = ?`).run(input.active ? 1 : 0, input.id);
        if (!input.active) raw.prepare(`UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL`).run(ctx.now.toISOString(), input.id);
      }
      if (input.password !== undefined) raw.prepare(`UPDATE users SET password_hash = ? WHERE id = ?`).run(hashPassword(input.password), input.id);
      const after = userById(ctx, input.id);
      appendAudit(raw, {
        ...actor(ctx), action: 'update', entity: 'user', entityId: input.id,
        summary: `user ${after.username}${input.password !== undefined ? ' (password reset)' : ''}`, before, after, at: ctx.now.toISOString(),
      });
      return after;
    })();
  },

  'office.get': (_i, ctx) => {
    const o = officeOf(ctx);
    if (!o) throw appError('not_set_up', 'The office is not set up yet.', '尚未完成初始设置。');
    return o;
  },

  'office.update': (input, ctx) => {
    const raw = ctx.store.raw;
    return raw.transaction(() => {
      const before = officeOf(ctx);
      raw.prepare(`UPDATE office SET name = ?, county = ?, region_code = ? WHERE id = 1`).run(input.name, input.county, input.regionCode);
      const after = officeOf(ctx)!;
      appendAudit(raw, { ...actor(ctx), action: 'update', entity: 'office', entityId: 1, before, after, at: ctx.now.toISOString() });
      return after;
    })();
  },
};
