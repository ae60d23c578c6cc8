import { todayIso } from '../common/dates';
import type { servicesMethods } from '../contract/services';
import { assess, dueReviews, listAssessments } from '../services/assessments';
import { addCatalogueEntry, addStandardList, catalogueHistory, catalogueOn } from '../services/catalogue';
import { suggestions } from '../services/household';
import { createPlan, listPlans } from '../services/plans';
import { listProviders, saveContract, saveProvider } from '../services/providers';
import { addRecord } from '../services/records';
import { ledgerRows, providerReport } from '../services/report';
import { listRatings, rate } from '../services/satisfaction';
import { staffActor, type HandlerMap } from './context';

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export const servicesHandlers: HandlerMap<keyof typeof servicesMethods> = {
  'services.catalogue': (input, ctx) => {
    const on = input.on ?? todayIso(ctx.now);
    return { on, inForce: catalogueOn(ctx.store.raw, on), history: catalogueHistory(ctx.store.raw) };
  },
  'services.addPrice': (input, ctx) => ({ id: addCatalogueEntry(ctx.store.raw, input, staffActor(ctx), ctx.now) }),
  'services.addStandardList': (input, ctx) => ({ added: addStandardList(ctx.store.raw, input.from, staffActor(ctx), ctx.now) }),
  'services.providers': (_input, ctx) => listProviders(ctx.store.raw),
  'services.saveProvider': (input, ctx) => ({ id: saveProvider(ctx.store.raw, input, staffActor(ctx), ctx.now) }),
  'services.saveContract': (input, ctx) => ({ id: saveContract(ctx.store.raw, input, staffActor(ctx), ctx.now) }),
  'services.suggestions': (input, ctx) => {
    const today = todayIso(ctx.now);
    return { suggestions: suggestions(ctx.store.raw, today), dueReviews: dueReviews(ctx.store.raw, addDays(today, input.dueWithinDays)) };
  },
  'services.assessments': (input, ctx) => listAssessments(ctx.store.raw, input),
  'services.assess': (input, ctx) => ({ id: assess(ctx.store.raw, input, staffActor(ctx), ctx.now) }),
  'services.plans': (input, ctx) => {
    const month = input.month ?? todayIso(ctx.now).slice(0, 7);
    return listPlans(ctx.store.raw, { ...input, activeIn: input.activeOnly ? month : undefined }, month);
  },
  'services.createPlan': (input, ctx) => ({ id: createPlan(ctx.store.raw, input, staffActor(ctx), ctx.now) }),
  'services.records': (input, ctx) => ledgerRows(ctx.store.raw, input),
  'services.addRecord': (input, ctx) => ({
    id: addRecord(ctx.store.raw, { ...input, staff: input.staff ?? null, note: input.note ?? null }, staffActor(ctx), ctx.now),
  }),
  'services.ratings': (input, ctx) => listRatings(ctx.store.raw, input),
  'services.rate': (input, ctx) => ({ id: rate(ctx.store.raw, input, staffActor(ctx), ctx.now) }),
  'services.report': (input, ctx) => providerReport(ctx.store.raw, input.month),
  'services.household': (input, ctx) => {
    const today = todayIso(ctx.now);
    return {
      suggestions: suggestions(ctx.store.raw, today, input.householdId),
      assessments: listAssessments(ctx.store.raw, { householdId: input.householdId }),
      plans: listPlans(ctx.store.raw, { householdId: input.householdId }, today.slice(0, 7)),
    };
  },
};
