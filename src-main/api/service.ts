/**
 * The service map and its dispatcher: one entry point for both transports (Electron IPC and
 * the loopback HTTP host). It rejects unknown methods and invalid input before any handler
 * runs, enforces each method's roles (refusals audited), keeps a user with an initial password
 * to the password change, audits reads of personal records, masks personal data for the roles
 * that may not see it, and wraps every answer in `{ ok, value | error }` (docs/security.md).
 */
import { z } from 'zod';
import { CONTRACT, type Envelope, type MethodName, type Request } from '../contract';
import { zodIssueToFieldError } from '../common/household-file';
import { AppError, appError, errorMessage, type Lang } from '../common/errors';
import { resolveSession } from '../auth/sessions';
import { dummyHash } from '../auth/password';
import { maskPersonal } from '../auth/masking';
import { anchorAuditHead, appendAudit } from '../audit/audit';
import type { Store } from '../db/open';
import { masksPersonalData, type Ctx, type ServiceOptions } from './context';
import { HANDLERS } from './handlers';
import { READS } from './reads';
import { ensureDefaultParameters } from '../policy/parameter-store';
import { checkStationAccess } from '../stations/access';
import { version as APP_VERSION } from '../../package.json';

export { HANDLERS };

export interface Service {
  invoke(req: Request): Promise<Envelope>;
}

const ROLE_TEXT = { clerk: '经办人员', manager: '审核人员', administrator: '管理员', auditor: '审计员' } as const;
/** What a user who must change their password may still call. */
const WHILE_PASSWORD_CHANGE = new Set<MethodName>(['auth.changePassword', 'auth.logout', 'auth.me', 'auth.unlock']);
/** Refusals worth a row in the audit log: who tried what they may not do (docs/security.md "Audit"). */
const AUDITED_REFUSALS = new Set(['forbidden', 'password_change_required', 'session_expired', 'not_logged_in']);

export function createService(store: Store, options: ServiceOptions = {}): Service {
  // Electron passes app.getVersion(); the loopback host, the CLI and the tests answer package.json's.
  const opts = { idleLockMinutes: 15, version: APP_VERSION, ...options };
  const now = opts.now ?? (() => new Date());
  ensureDefaultParameters(store.raw, now());
  // The head as the app starts, in the anchor log: rows cut from the end later no longer match it.
  anchorAuditHead(store.raw, 'start-up', now());
  // The dummy hash an unknown username is checked against, made before the first login needs it (same time as a known one).
  void dummyHash();

  async function run(req: Request, ctx: Ctx): Promise<unknown> {
    if (typeof req.method !== 'string' || !Object.hasOwn(CONTRACT, req.method)) {
      throw appError('unknown_method', `Unknown method: ${String(req.method)}`, `未知的调用：${String(req.method)}`);
    }
    const name = req.method as MethodName; // a key of CONTRACT: checked just above
    const spec = CONTRACT[name];
    if (spec.access !== 'public') {
      if (!req.session) throw appError('not_logged_in', 'Please log in.', '请先登录。');
      const s = resolveSession(store.raw, req.session, ctx.now, opts.idleLockMinutes, name === 'auth.unlock' || name === 'auth.logout');
      ctx.user = s.user;
      ctx.sessionHash = s.hash;
      ctx.mustChangePassword = s.mustChangePassword;
      if (s.mustChangePassword && !WHILE_PASSWORD_CHANGE.has(name))
        throw appError(
          'password_change_required',
          'Change your initial password first (it was given to you, or it is the demo password).',
          '请先修改初始密码（该密码由他人设定，或为演示密码）。',
        );
      if (spec.access !== 'any' && !spec.access.includes(s.user.role)) {
        const roles = spec.access;
        throw appError(
          'forbidden',
          `Your role (${s.user.role}) may not do this; it needs: ${roles.join(' or ')}.`,
          `您的角色（${ROLE_TEXT[s.user.role]}）无权执行此操作，需要：${roles.map((r) => ROLE_TEXT[r]).join('或')}。`,
        );
      }
      // The station's level and delegation, like roles (docs/stations.md "Access").
      checkStationAccess(store.raw, name, s.user.role);
    }
    const input: z.ZodType = spec.input;
    const parsed = input.safeParse(req.input ?? {});
    if (!parsed.success) {
      const e = zodIssueToFieldError(parsed.error.issues[0]);
      throw new AppError(
        'invalid_input',
        { en: `${e.field ? e.field + ': ' : ''}${e.message}`, zh: `${e.field ? e.field + '：' : ''}${e.message}` },
        e.field || undefined,
      );
    }
    const handler = HANDLERS[name] as (i: unknown, c: Ctx) => unknown; // its input is what the method's own schema just parsed
    const value = await handler(parsed.data, ctx);
    // The output schema is part of the contract: a handler that strays is a bug, not data.
    const output: z.ZodType = spec.output;
    const out = output.safeParse(value);
    if (!out.success)
      throw new Error(
        `output of ${name} does not match the contract: ${out.error.issues[0]?.message} at ${out.error.issues[0]?.path.join('.')}`,
      );
    // A read of personal records leaves one row per call, not per record (./reads.ts).
    const read = READS[name];
    if (read && ctx.user) {
      const r = read(parsed.data, out.data);
      const who = { userId: ctx.user.id, username: ctx.user.username };
      store.raw.transaction(() => appendAudit(store.raw, { ...who, ...r, summary: `${name}: ${r.summary}`, at: ctx.now.toISOString() }))();
    }
    return masksPersonalData(ctx) ? maskPersonal(out.data) : out.data;
  }

  /** One row per refusal: the method, who (an account, or nobody), and why; never the input. */
  function auditRefusal(req: Request, ctx: Ctx, e: AppError) {
    try {
      store.raw.transaction(() =>
        appendAudit(store.raw, {
          userId: ctx.user?.id ?? null,
          username: ctx.user?.username ?? (req.session ? 'unknown session' : 'not logged in'),
          action: 'refused',
          entity: 'method',
          entityId: typeof req.method === 'string' && Object.hasOwn(CONTRACT, req.method) ? req.method : 'unknown',
          summary: `${e.code}: ${e.message}`,
          at: ctx.now.toISOString(),
        }),
      )();
    } catch (err) {
      console.error('[service] the refusal could not be audited', err);
    }
  }

  return {
    async invoke(req) {
      const lang: Lang = req.lang === 'en' ? 'en' : 'zh';
      const ctx: Ctx = { store, user: null, mustChangePassword: false, sessionHash: null, lang, now: now(), opts };
      try {
        return { ok: true, value: await run(req, ctx) };
      } catch (e) {
        if (e instanceof AppError) {
          // A call without any session at start-up is no attempt at anything.
          if (AUDITED_REFUSALS.has(e.code) && !(e.code === 'not_logged_in' && !req.session)) auditRefusal(req, ctx, e);
          return { ok: false, error: e.toBody(lang) };
        }
        if (e instanceof Error && /UNIQUE constraint failed: members.id_number/.test(e.message)) {
          return {
            ok: false,
            error: {
              code: 'person_in_other_household',
              message: lang === 'zh' ? '该人员已在其他家庭在册。' : 'This person is already active in another household.',
            },
          };
        }
        console.error('[service]', req.method, e);
        return {
          ok: false,
          error: {
            code: 'internal',
            message: lang === 'zh' ? `内部错误：${errorMessage(e)}` : `Internal error: ${errorMessage(e)}`,
          },
        };
      }
    },
  };
}
