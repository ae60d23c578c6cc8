import { listChain } from '../chain/events';
import type { chainMethods } from '../contract/chain';
import { happinessList } from '../referrals/happiness';
import type { HandlerMap } from './context';

export const chainHandlers: HandlerMap<keyof typeof chainMethods> = {
  'chain.list': (input, ctx) => listChain(ctx.store.raw, input),
  'chain.happiness': (input, ctx) => happinessList(ctx.store.raw, input.householdId, ctx.now),
};
