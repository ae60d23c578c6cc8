import { appendAudit } from '../audit/audit';
import { insertUser } from '../auth/users';
import { appError } from '../common/errors';
import type { appMethods } from '../contract/app';
import { officeOf } from '../office/office';
import type { HandlerMap } from './context';

export const appHandlers: HandlerMap<keyof typeof appMethods> = {
  'app.status': (_i, ctx) => {
    const users = (ctx.store.raw.prepare(`SELECT COUNT(*) AS n FROM users`).get() as { n: number }).n;
    return {
      needsSetup: users === 0,
      office: officeOf(ctx.store.raw),
      version: ctx.opts.version,
      idleLockMinutes: ctx.opts.idleLockMinutes,
    };
  },

  'setup.complete': (input, ctx) => {
    const raw = ctx.store.raw;
    const at = ctx.now.toISOString();
    raw.transaction(() => {
      const users = (raw.prepare(`SELECT COUNT(*) AS n FROM users`).get() as { n: number }).n;
      if (users > 0)
        throw appError('already_set_up', 'This office is already set up; log in instead.', '本单位已完成初始设置，请直接登录。');
      raw
        .prepare(`INSERT OR REPLACE INTO office (id, name, county, region_code, is_demo, created_at) VALUES (1, ?, ?, ?, ?, ?)`)
        .run(input.office.name, input.office.county, input.office.regionCode, input.demo ? 1 : 0, at);
      const setupActor = { userId: null, username: input.admin.username };
      appendAudit(raw, {
        ...setupActor,
        action: 'setup',
        entity: 'office',
        entityId: 1,
        summary: `office set up${input.demo ? ' with the demo county' : ''}`,
        after: input.office,
        at,
      });
      const admin = insertUser(raw, { ...input.admin, role: 'administrator' }, setupActor, ctx.now);
      if (input.demo) {
        if (!ctx.opts.seedDemo)
          throw appError('demo_unavailable', 'The demo county is not available in this build.', '此版本不含演示数据。');
        const adminActor = { userId: admin.id, username: admin.username };
        for (const [username, role, displayName] of [
          ['manager', 'manager', '审核员（演示）'],
          ['clerk', 'clerk', '经办员（演示）'],
        ] as const) {
          if (username !== input.admin.username) insertUser(raw, { username, displayName, role, password: 'demo' }, adminActor, ctx.now);
        }
        ctx.opts.seedDemo(ctx.store, input.demoHouseholds ?? 2000);
      }
    })();
    return { ok: true as const };
  },
};
