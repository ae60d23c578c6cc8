import { todayIso } from '../common/dates';
import type { parametersMethods } from '../contract/parameters';
import { askParameterValue } from '../auth/request-kinds';
import { checkParameterValue, listParameterRows, parametersOn } from '../policy/parameter-store';
import { person, type HandlerMap } from './context';

export const parametersHandlers: HandlerMap<keyof typeof parametersMethods> = {
  'parameters.list': (_i, ctx) => listParameterRows(ctx.store.raw),

  'parameters.inForce': (input, ctx) => {
    const p = parametersOn(ctx.store.raw, input.date ?? todayIso(ctx.now));
    return { id: p.id, referenceDate: p.referenceDate, values: p.values };
  },

  // Asked now, applied when a second manager confirms (src-main/auth/request-kinds.ts): the value is checked before asking.
  'parameters.add': (input, ctx) => {
    checkParameterValue(input);
    return askParameterValue(ctx.store.raw, input, person(ctx), ctx.now);
  },
};
