import type { paymentsMethods } from '../contract/payments';
import { addAdjustment, changeList, closeMonth, listMonths } from '../payments/months';
import { rosterPage } from '../payments/totals';
import { actor, type HandlerMap } from './context';

export const paymentsHandlers: HandlerMap<keyof typeof paymentsMethods> = {
  'payments.months': (_input, ctx) => listMonths(ctx.store.raw, ctx.now),
  'payments.roster': (input, ctx) => rosterPage(ctx.store.raw, input.month, input, input.page, input.pageSize),
  'payments.close': (input, ctx) => closeMonth(ctx.store.raw, input.month, actor(ctx), ctx.now),
  'payments.adjust': (input, ctx) => addAdjustment(ctx.store.raw, input, actor(ctx), ctx.now),
  'payments.changes': (input, ctx) => changeList(ctx.store.raw, input.month),
};
