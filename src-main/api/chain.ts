import { listChain } from '../chain/events';
import type { chainMethods } from '../contract/chain';
import { happinessList } from '../referrals/happiness';
import type { HandlerMap } from './context';
import { all, qb } from '../db/query';

export const chainHandlers: HandlerMap<keyof typeof chainMethods> = {
  // Who recorded each entry by name, not by username (issue 21).
  'chain.list': (input, ctx) => {
    const users = all(ctx.store.raw, qb.selectFrom('users').select(['username', 'display_name']));
    const names = new Map(users.map((u) => [u.username, u.display_name]));
    return listChain(ctx.store.raw, input).map((e) => ({ ...e, recordedBy: names.get(e.recordedBy) ?? e.recordedBy }));
  },
  'chain.happiness': (input, ctx) => happinessList(ctx.store.raw, input.householdId, ctx.now, ctx.lang),
};
