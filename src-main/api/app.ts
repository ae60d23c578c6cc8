import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import { insertUser } from '../auth/users';
import { appError } from '../common/errors';
import type { appMethods } from '../contract/app';
import { first, qb, run } from '../db/query';
import { officeOf } from '../office/office';
import type { HandlerMap } from './context';

const anyUser = (raw: BetterSqlite3.Database) => first(raw, qb.selectFrom('users').select('id').limit(1)) !== undefined;

export const appHandlers: HandlerMap<keyof typeof appMethods> = {
  'app.status': (_i, ctx) => {
    return {
      needsSetup: !anyUser(ctx.store.raw),
      office: officeOf(ctx.store.raw),
      version: ctx.opts.version,
      idleLockMinutes: ctx.opts.idleLockMinutes,
    };
  },

  'setup.complete': (input, ctx) => {
    const raw = ctx.store.raw;
    const at = ctx.now.toISOString();
    raw.transaction(() => {
      if (anyUser(raw))
        throw appError('already_set_up', 'This office is already set up; log in instead.', '本单位已完成初始设置，请直接登录。');
      run(
        raw,
        qb.replaceInto('office').values({
          id: 1,
          name: input.office.name,
          county: input.office.county,
          region_code: input.office.regionCode,
          is_demo: input.demo ? 1 : 0,
          created_at: at,
        }),
      );
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
