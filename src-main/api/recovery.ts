import type { recoveryMethods } from '../contract/recovery';
import { extendCase } from '../recovery/cases';
import { deduct, repay, waive } from '../recovery/entries';
import { recordFact } from '../recovery/facts';
import { getCase, householdRecovery, ledger } from '../recovery/view';
import { staffActor, type HandlerMap } from './context';

export const recoveryHandlers: HandlerMap<keyof typeof recoveryMethods> = {
  'recovery.household': (input, ctx) => householdRecovery(ctx.store.raw, input.householdId),
  'recovery.recordFact': (input, ctx) => ({ id: recordFact(ctx.store.raw, input, staffActor(ctx), ctx.now) }),
  'recovery.case': (input, ctx) => getCase(ctx.store.raw, input.id),
  'recovery.ledger': (input, ctx) => ledger(ctx.store.raw, input),
  'recovery.repay': (input, ctx) => ({ id: repay(ctx.store.raw, input, staffActor(ctx), ctx.now) }),
  'recovery.waive': (input, ctx) => ({ id: waive(ctx.store.raw, input, staffActor(ctx), ctx.now) }),
  'recovery.deduct': (input, ctx) => ({ ids: deduct(ctx.store.raw, input, staffActor(ctx), ctx.now) }),
  'recovery.extend': (input, ctx) => ({ added: extendCase(ctx.store.raw, input.caseId, staffActor(ctx), ctx.now) }),
};
