import type { scenariosMethods } from '../contract/scenarios';
import { yuanToFen } from '../common/money';
import { paramsInForce } from '../scenarios/define';
import { cancelScenario, startScenario } from '../scenarios/run';
import { scenarioRun, scenarioRuns } from '../scenarios/runs';
import { scenarioDrafts } from '../scenarios/drafts';
import { adoptionRequestPayload } from '../scenarios/adopt';
import { askScenarioAdoption } from '../auth/request-kinds';
import { scenarioResults, scenarioResultsXlsx } from '../scenarios/results';
import { scenarioSummaryPdf } from '../reports/scenario-form';
import { person, staffActor, type HandlerMap } from './context';

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
  'scenarios.drafts': (_i, ctx) => scenarioDrafts(ctx.store.raw),
  'scenarios.cancel': async (input, ctx) => {
    await cancelScenario(ctx.store.raw, input.id, staffActor(ctx), ctx.now);
    return { ok: true as const };
  },
  'scenarios.list': (_i, ctx) => scenarioRuns(ctx.store.raw, ctx.now),
  'scenarios.get': (input, ctx) => scenarioRun(ctx.store.raw, input.id, ctx.now),
  'scenarios.results': (input, ctx) => scenarioResults(ctx.store.raw, input, ctx.lang),
  'scenarios.exportXlsx': async (input, ctx) => {
    const { buffer, rows } = await scenarioResultsXlsx(ctx.store.raw, input, ctx.lang);
    return { fileName: `scenario-${input.id}${input.kind ? '-' + input.kind : ''}.xlsx`, base64: buffer.toString('base64'), rows };
  },
  'scenarios.print': async (input, ctx) => {
    const { pdf, pages } = await scenarioSummaryPdf(ctx.store.raw, input.ids, ctx.now);
    return { fileName: `scenario-${input.ids.join('-')}.pdf`, base64: pdf.toString('base64'), pages };
  },
  // Asked now, adopted when another manager confirms the request (src-main/auth/request-kinds.ts).
  'scenarios.adopt': (input, ctx) =>
    askScenarioAdoption(ctx.store.raw, adoptionRequestPayload(ctx.store.raw, input.id, ctx.now), person(ctx), ctx.now),
};
