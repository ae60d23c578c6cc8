import type { scenariosMethods } from '../contract/scenarios';
import { yuanToFen } from '../common/money';
import { paramsInForce } from '../scenarios/define';
import { cancelScenario, startScenario } from '../scenarios/run';
import { adoptScenario, scenarioRun, scenarioRuns } from '../scenarios/runs';
import { scenarioResults, scenarioResultsXlsx } from '../scenarios/results';
import { scenarioSummaryPdf } from '../reports/scenario-form';
import { staffActor, type HandlerMap } from './context';

export const scenariosHandlers: HandlerMap<keyof typeof scenariosMethods> = {
  'scenarios.params': (input, ctx) => paramsInForce(ctx.store.raw, input.date),
  'scenarios.run': (input, ctx) => {
    const { budget, ...rest } = input;
    const b = budget && {
      monthlyFen: yuanToFen(budget.monthlyYuan.toFixed(2)),
      parameterId: budget.parameterId,
      residence: budget.residence,
    };
    return { id: startScenario(ctx.store.raw, ctx.store.file, { ...rest, budget: b }, staffActor(ctx), ctx.now) };
  },
  'scenarios.cancel': async (input, ctx) => {
    await cancelScenario(ctx.store.raw, input.id, staffActor(ctx), ctx.now);
    return { ok: true as const };
  },
  'scenarios.list': (_i, ctx) => scenarioRuns(ctx.store.raw),
  'scenarios.get': (input, ctx) => scenarioRun(ctx.store.raw, input.id),
  'scenarios.results': (input, ctx) => scenarioResults(ctx.store.raw, input, ctx.lang),
  'scenarios.exportXlsx': async (input, ctx) => {
    const { buffer, rows } = await scenarioResultsXlsx(ctx.store.raw, input, ctx.lang);
    return { fileName: `scenario-${input.id}${input.kind ? '-' + input.kind : ''}.xlsx`, base64: buffer.toString('base64'), rows };
  },
  'scenarios.print': async (input, ctx) => {
    const { pdf, pages } = await scenarioSummaryPdf(ctx.store.raw, input.ids, ctx.now);
    return { fileName: `scenario-${input.ids.join('-')}.pdf`, base64: pdf.toString('base64'), pages };
  },
  'scenarios.adopt': (input, ctx) => adoptScenario(ctx.store.raw, input.id, staffActor(ctx), ctx.now),
};
