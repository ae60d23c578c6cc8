import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import { DEMO_PASSWORD } from '../auth/password';
import { insertUser } from '../auth/users';
import { appError } from '../common/errors';
import type { appMethods } from '../contract/app';
import { first, qb, run } from '../db/query';
import { officeOf } from '../office/office';
import type { HandlerMap } from './context';

const anyUser = (raw: BetterSqlite3.Database) => first(raw, qb.selectFrom('users').select('id').limit(1)) !== undefined;

export const appHandlers: HandlerMap<keyof typeof appMethods> = {
  'app.status': (_i, ctx) => {
    const office = officeOf(ctx.store.raw);
    return {
      needsSetup: !anyUser(ctx.store.raw),
      office,
      version: ctx.opts.version,
      idleLockMinutes: ctx.opts.idleLockMinutes,
      demoPassword: office?.isDemo ? DEMO_PASSWORD : null,
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
      // The only accounts one person makes (docs/security.md "Roles and the two-person rule"): the administrator chose
      // their own password; the first manager's was given to them, and is changed at their first login.
      const admin = insertUser(raw, { ...input.admin, role: 'administrator', mustChangePassword: false }, setupActor, ctx.now);
      const adminActor = { userId: admin.id, username: admin.username };
      if (input.manager) insertUser(raw, { ...input.manager, role: 'manager', mustChangePassword: true }, adminActor, ctx.now);
      if (input.demo) {
        if (!ctx.opts.seedDemo)
          throw appError('demo_unavailable', 'The demo county is not available in this build.', '此版本不含演示数据。');
        const taken = new Set([input.admin.username, input.manager?.username]);
        for (const [username, role, displayName] of [
          ['manager', 'manager', '审核员（演示）'],
          ['clerk', 'clerk', '经办员（演示）'],
        ] as const) {
          if (!taken.has(username))
            insertUser(raw, { username, displayName, role, password: DEMO_PASSWORD, mustChangePassword: true }, adminActor, ctx.now);
        }
        ctx.opts.seedDemo(ctx.store, input.demoHouseholds ?? 2000);
      }
    })();
    return { ok: true as const };
  },
};
