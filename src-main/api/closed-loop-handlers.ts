import type { Ctx, HandlerMap } from './context';
import type { closedLoopMethods } from '../contract/closed-loop';
import { appError } from '../common/errors';
import { listChain } from '../chain/events';
import { createReferral, findOpenReferral, applyReferralFeedback } from '../referrals/records';
import { DEPARTMENT_OF } from '../referrals/codes';
import { acknowledgeReferral, escalateOverdue, getReferral, listReferrals, recordResultManually, referralsFromEntitlements } from '../referrals/referrals';
import { exportPushList } from '../referrals/push-list';
import { happinessList } from '../referrals/happiness';
import { createOrganisation, createProgramme, listOrganisations, setActive } from '../charity/charity';
import { addAdjustment, changeList, closeMonth, listMonths } from '../payments/months';
import { rosterLines } from '../payments/roster';
import { renderReport } from '../reports/render';
import { dashboardSummary } from '../dashboard/summary';

const actor = (ctx: Ctx) => ({ userId: ctx.user?.id ?? null, username: ctx.user?.username ?? ctx.actorName ?? 'system' });
const isManager = (ctx: Ctx) => ctx.user?.role === 'manager' || ctx.user?.role === 'administrator';

export const closedLoopHandlers: HandlerMap<keyof typeof closedLoopMethods> = {
  'referrals.list': (input, ctx) => listReferrals(ctx.store.raw, input, ctx.now),
  'referrals.get': (input, ctx) => getReferral(ctx.store.raw, input.id, ctx.now),
  'referrals.create': (input, ctx) => {
    const raw = ctx.store.raw;
    const department = input.department ?? DEPARTMENT_OF[input.assistance];
    const need = { householdId: input.householdId, idNumber: input.idNumber, assistance: input.assistance, department };
    const open = findOpenReferral(raw, need);
    if (open !== null) {
      const n = (raw.prepare(`SELECT number FROM referrals WHERE id = ?`).get(open) as { number: string }).number;
      throw appError('referral_exists', `Referral ${n} for the same need is still open.`, `同一需求的转介 ${n} 尚未办结。`);
    }
    const id = createReferral(raw, { ...need, reason: input.reason, source: 'manual', programmeId: input.programmeId ?? null }, actor(ctx), ctx.now);
    return { id, number: (raw.prepare(`SELECT number FROM referrals WHERE id = ?`).get(id) as { number: string }).number };
  },
  'referrals.fromEntitlements': (input, ctx) => ({ ids: referralsFromEntitlements(ctx.store.raw, input.householdId, actor(ctx), ctx.now) }),
  'referrals.exportPushList': (input, ctx) => exportPushList(ctx.store.raw, input, actor(ctx), ctx.now),
  'referrals.acknowledge': (input, ctx) => { acknowledgeReferral(ctx.store.raw, input.id, actor(ctx), ctx.now, input.note); return { ok: true as const }; },
  'referrals.recordResult': (input, ctx) => {
    recordResultManually(ctx.store.raw, input.id, { result: input.result, amountFen: input.amountFen, item: input.item, date: input.date, reason: input.reason }, actor(ctx), ctx.now);
    return { ok: true as const };
  },
  'referrals.applyFeedback': (input, ctx) => applyReferralFeedback(ctx.store.raw, input.rows, actor(ctx), ctx.now, input.file),
  'referrals.escalateOverdue': (_input, ctx) => ({ escalated: escalateOverdue(ctx.store.raw, actor(ctx), ctx.now) }),

  'charity.list': (_input, ctx) => listOrganisations(ctx.store.raw),
  'charity.createOrganisation': (input, ctx) => ({ id: createOrganisation(ctx.store.raw, input, actor(ctx), ctx.now) }),
  'charity.createProgramme': (input, ctx) => ({ id: createProgramme(ctx.store.raw, input, actor(ctx), ctx.now) }),
  'charity.setActive': (input, ctx) => { setActive(ctx.store.raw, input, actor(ctx), ctx.now); return { ok: true as const }; },

  'chain.list': (input, ctx) => listChain(ctx.store.raw, input),
  'chain.happiness': (input, ctx) => happinessList(ctx.store.raw, input.householdId),

  'payments.months': (_input, ctx) => listMonths(ctx.store.raw, ctx.now),
  'payments.roster': (input, ctx) => {
    const { closed, lines } = rosterLines(ctx.store.raw, input.month, input);
    const totals = { recipients: 0, persons: 0, amountFen: 0 };
    const byTier: Record<string, typeof totals> = {};
    for (const l of lines) {
      totals.recipients++; totals.persons += l.size; totals.amountFen += l.amountFen;
      const t = (byTier[l.tier] ??= { recipients: 0, persons: 0, amountFen: 0 });
      t.recipients++; t.persons += l.size; t.amountFen += l.amountFen;
    }
    const from = (input.page - 1) * input.pageSize;
    return { month: input.month, closed, rows: lines.slice(from, from + input.pageSize), total: lines.length, totals, byTier };
  },
  'payments.close': (input, ctx) => closeMonth(ctx.store.raw, input.month, actor(ctx), ctx.now),
  'payments.adjust': (input, ctx) => addAdjustment(ctx.store.raw, input, actor(ctx), ctx.now),
  'payments.changes': (input, ctx) => changeList(ctx.store.raw, input.month),

  'reports.render': async (input, ctx) => {
    // Managers print and sign the monthly lists; everyone may print a household's chain.
    if (input.kind !== 'chain' && !isManager(ctx)) {
      throw appError('forbidden', 'Monthly lists are printed by a manager.', '月度名册由审核人员打印。');
    }
    const f = await renderReport(ctx.store.raw, input, ctx.now);
    return input.format === 'html'
      ? { fileName: f.fileName, mime: f.mime, pages: f.pages, html: f.data.toString('utf8') }
      : { fileName: f.fileName, mime: f.mime, pages: f.pages, base64: f.data.toString('base64') };
  },
  'dashboard.summary': (_input, ctx) => dashboardSummary(ctx.store.raw, ctx.now),
};
