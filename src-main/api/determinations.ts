import { closeCaseOnDecision } from '../cases/cases';
import type { determinationsMethods } from '../contract/determinations';
import { decide, getDetermination, history, pending, propose } from '../decisions/determinations';
import { pendingQueue, pendingXlsx } from '../decisions/queue';
import { todayIso } from '../common/dates';
import { masksPersonalData, staffActor, type HandlerMap } from './context';

export const determinationsHandlers: HandlerMap<keyof typeof determinationsMethods> = {
  'determinations.propose': (input, ctx) => ({ id: propose(ctx.store.raw, input, staffActor(ctx), ctx.now) }),
  'determinations.pending': (_i, ctx) => pending(ctx.store.raw),
  'determinations.queue': (input, ctx) => pendingQueue(ctx.store.raw, input),
  'determinations.exportXlsx': async (input, ctx) => {
    const { buffer, rows } = await pendingXlsx(ctx.store.raw, input, ctx.lang, masksPersonalData(ctx));
    return {
      fileName: `${ctx.lang === 'zh' ? '待审批认定' : 'approvals'}-${todayIso(ctx.now)}.xlsx`,
      base64: buffer.toString('base64'),
      rows,
    };
  },
  'determinations.get': (input, ctx) => getDetermination(ctx.store.raw, input.id, ctx.lang),
  'determinations.decide': (input, ctx) => {
    const actor = staffActor(ctx);
    // A tier granted decides the household's case, none refuses it, when its procedure allows (cases/cases.ts closeCaseOnDecision).
    const close = (householdId: number, granted: boolean) =>
      closeCaseOnDecision(
        ctx.store.raw,
        householdId,
        { determinationId: input.id, approved: granted, reason: input.reason },
        actor,
        ctx.now,
      );
    return { ok: true as const, ...decide(ctx.store.raw, input, actor, ctx.now, close) };
  },
  'determinations.history': (input, ctx) => history(ctx.store.raw, input.householdId),
};
