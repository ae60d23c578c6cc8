import { todayIso } from '../common/dates';
import type { parametersMethods } from '../contract/parameters';
import { addParameterValue, listParameterRows, parametersOn } from '../policy/parameter-store';
import { startScan } from '../scan/runner';
import { staffActor, type HandlerMap } from './context';

export const parametersHandlers: HandlerMap<keyof typeof parametersMethods> = {
  'parameters.list': (_i, ctx) => listParameterRows(ctx.store.raw),

  'parameters.inForce': (input, ctx) => {
    const p = parametersOn(ctx.store.raw, input.date ?? todayIso(ctx.now));
    return { id: p.id, referenceDate: p.referenceDate, values: p.values };
  },

  'parameters.add': (input, ctx) => {
    const raw = ctx.store.raw;
    const id = addParameterValue(raw, input, staffActor(ctx), ctx.now);
    let scanId: number | null = null;
    if (input.rescan) {
      // Re-evaluate the county on the day the new value takes effect (or today, if it already has).
      const today = todayIso(ctx.now);
      const ref = input.effectiveFrom > today ? input.effectiveFrom : today;
      try {
        scanId = startScan(raw, ctx.store.file, { referenceDate: ref, trigger: 'parameter_change', actor: staffActor(ctx) }, ctx.now);
      } catch {
        scanId = null; // a scan already running will be followed by the next one the manager starts
      }
    }
    return { id, scanId };
  },
};
