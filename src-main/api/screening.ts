import { todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { normaliseHouseholdIds } from '../common/household-file';
import type { screeningMethods } from '../contract/screening';
import { evaluateStored } from '../decisions/determinations';
import { evaluate, peopleOf, toScreenOutput } from '../policy/engine';
import { parametersOn } from '../policy/parameter-store';
import type { HandlerMap } from './context';

export const screeningHandlers: HandlerMap<keyof typeof screeningMethods> = {
  'screening.evaluate': (input, ctx) => {
    const ref = input.referenceDate ?? todayIso(ctx.now);
    let r;
    if (input.household) {
      const h = normaliseHouseholdIds(input.household, todayIso(ctx.now));
      const params = parametersOn(ctx.store.raw, ref);
      r = { household: h, params, determination: evaluate(h, params, ref) };
    } else if (input.householdId !== undefined) {
      r = evaluateStored(ctx.store.raw, input.householdId, ref);
    } else {
      throw appError('invalid_input', 'Give a saved household or a household to screen.', '请选择已保存的家庭或填写待匹配的家庭。');
    }
    return {
      output: toScreenOutput(r.determination, ctx.lang, peopleOf(r.household)),
      determination: r.determination,
      parameters: { id: r.params.id, referenceDate: ref },
    };
  },
};
