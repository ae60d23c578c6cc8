import { DEPARTMENT_OF } from '../common/codes';
import type { referralsMethods } from '../contract/referrals';
import { exportPushList } from '../referrals/push-list';
import { createManualReferral } from '../referrals/records';
import { applyReferralFeedback } from '../referrals/results';
import { acknowledgeReferral, escalateOverdue, getReferral, recordResultManually, referralsFromEntitlements } from '../referrals/referrals';
import { listReferrals, referralsXlsx } from '../referrals/list';
import { todayIso } from '../common/dates';
import { actor, masksPersonalData, type HandlerMap } from './context';

export const referralsHandlers: HandlerMap<keyof typeof referralsMethods> = {
  'referrals.list': (input, ctx) => listReferrals(ctx.store.raw, input, ctx.now),
  'referrals.exportXlsx': async (input, ctx) => {
    const { buffer, rows } = await referralsXlsx(ctx.store.raw, input, ctx.now, masksPersonalData(ctx));
    return { fileName: `需求推送清单-${todayIso(ctx.now)}.xlsx`, base64: buffer.toString('base64'), rows };
  },
  'referrals.get': (input, ctx) => getReferral(ctx.store.raw, input.id, ctx.now, ctx.lang),
  'referrals.create': (input, ctx) =>
    createManualReferral(ctx.store.raw, { ...input, department: input.department ?? DEPARTMENT_OF[input.assistance] }, actor(ctx), ctx.now),
  'referrals.fromEntitlements': (input, ctx) => ({ ids: referralsFromEntitlements(ctx.store.raw, input.householdId, actor(ctx), ctx.now) }),
  'referrals.exportPushList': (input, ctx) => exportPushList(ctx.store.raw, input, actor(ctx), ctx.now),
  'referrals.acknowledge': (input, ctx) => {
    acknowledgeReferral(ctx.store.raw, input.id, actor(ctx), ctx.now, input.note);
    return { ok: true as const };
  },
  'referrals.recordResult': (input, ctx) => {
    const { id, ...result } = input;
    recordResultManually(ctx.store.raw, id, result, actor(ctx), ctx.now);
    return { ok: true as const };
  },
  'referrals.applyFeedback': (input, ctx) => {
    const out = applyReferralFeedback(ctx.store.raw, input.rows, actor(ctx), ctx.now, input.file);
    // Each refusal in the caller's language (issue 21): the core keeps both.
    const rejected = out.rejected.map(({ reasonEn, ...r }) => ({ ...r, reason: ctx.lang === 'en' ? reasonEn : r.reason }));
    return { ...out, rejected };
  },
  'referrals.escalateOverdue': (_input, ctx) => ({ escalated: escalateOverdue(ctx.store.raw, actor(ctx), ctx.now) }),
};
