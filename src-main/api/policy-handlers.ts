import { addParameterValue, listParameterRows, parametersOn } from '../policy/parameter-store';
import { evaluate, toScreenOutput } from '../policy/engine';
import { decide, evaluateStored, getDetermination, history, pending, propose } from '../decisions/determinations';
import { cancelScan, scanStatus, startScan } from '../scan/runner';
import { scanResults, scanResultsXlsx } from '../scan/results';
import { normaliseHouseholdIds } from '../common/household-file';
import { appError } from '../common/errors';
import { todayIso } from '../common/dates';
import type { Ctx, HandlerMap } from './context';
import type { policyMethods } from '../contract/policy';

type Names = keyof typeof policyMethods;
const actor = (ctx: Ctx) => ({ userId: ctx.user!.id, username: ctx.user!.username });

export const policyHandlers: HandlerMap<Names> = {
  'parameters.list': (_i, ctx) => listParameterRows(ctx.store.raw),

  'parameters.inForce': (input, ctx) => {
    const p = parametersOn(ctx.store.raw, input.date ?? todayIso(ctx.now));
    return { id: p.id, referenceDate: p.referenceDate, values: p.values };
  },

  'parameters.add': (input, ctx) => {
    const raw = ctx.store.raw;
    const id = addParameterValue(raw, input, actor(ctx), ctx.now);
    let scanId: number | null = null;
    if (input.rescan) {
      // Re-evaluate the county on the day the new value takes effect (or today, if it already has).
      const today = todayIso(ctx.now);
      const ref = input.effectiveFrom > today ? input.effectiveFrom : today;
      try {
        scanId = startScan(raw, ctx.store.file, { referenceDate: ref, trigger: 'parameter_change', actor: actor(ctx) }, ctx.now);
      } catch {
        scanId = null; // a scan already running will be followed by the next one the manager starts
      }
    }
    return { id, scanId };
  },

  'screening.evaluate': (input, ctx) => {
    const ref = input.referenceDate ?? todayIso(ctx.now);
    let r;
    if (input.household) {
      const h = normaliseHouseholdIds(input.household, todayIso(ctx.now));
      const params = parametersOn(ctx.store.raw, ref);
      r = { params, determination: evaluate(h, params, ref) };
    } else if (input.householdId !== undefined) {
      r = evaluateStored(ctx.store.raw, input.householdId, ref);
    } else {
      throw appError('invalid_input', 'Give a saved household or a household to screen.', '请选择已保存的家庭或填写待匹配的家庭。');
    }
    return { output: toScreenOutput(r.determination, ctx.lang), determination: r.determination, parameters: { id: r.params.id, referenceDate: ref } };
  },

  'determinations.propose': (input, ctx) => ({ id: propose(ctx.store.raw, input, actor(ctx), ctx.now) }),
  'determinations.pending': (_i, ctx) => pending(ctx.store.raw),
  'determinations.get': (input, ctx) => getDetermination(ctx.store.raw, input.id, ctx.lang),
  'determinations.decide': (input, ctx) => ({ ok: true as const, ...decide(ctx.store.raw, input, actor(ctx), ctx.now) }),
  'determinations.history': (input, ctx) => history(ctx.store.raw, input.householdId),

  'scan.start': (input, ctx) => ({ id: startScan(ctx.store.raw, ctx.store.file, { referenceDate: input.referenceDate ?? todayIso(ctx.now), trigger: 'manual', actor: actor(ctx) }, ctx.now) }),
  'scan.status': (input, ctx) => scanStatus(ctx.store.raw, input.id),
  'scan.cancel': async (input, ctx) => {
    await cancelScan(ctx.store.raw, input.id, actor(ctx), ctx.now);
    return { ok: true as const };
  },
  'scan.results': (input, ctx) => scanResults(ctx.store.raw, input, ctx.lang),
  'scan.exportXlsx': async (input, ctx) => {
    const { buffer, rows } = await scanResultsXlsx(ctx.store.raw, input, ctx.lang);
    return { fileName: `scan-${input.id}${input.kind ? '-' + input.kind : ''}.xlsx`, base64: buffer.toString('base64'), rows };
  },
};
