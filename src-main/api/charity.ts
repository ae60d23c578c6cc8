import { createOrganisation, createProgramme, listOrganisations, setActive } from '../charity/charity';
import type { charityMethods } from '../contract/charity';
import { actor, type HandlerMap } from './context';

export const charityHandlers: HandlerMap<keyof typeof charityMethods> = {
  'charity.list': (_input, ctx) => listOrganisations(ctx.store.raw),
  'charity.createOrganisation': (input, ctx) => ({ id: createOrganisation(ctx.store.raw, input, actor(ctx), ctx.now) }),
  'charity.createProgramme': (input, ctx) => ({ id: createProgramme(ctx.store.raw, input, actor(ctx), ctx.now) }),
  'charity.setActive': (input, ctx) => {
    setActive(ctx.store.raw, input, actor(ctx), ctx.now);
    return { ok: true as const };
  },
};
