import type { dashboardMethods } from '../contract/dashboard';
import { dashboardSummary } from '../dashboard/summary';
import type { HandlerMap } from './context';

export const dashboardHandlers: HandlerMap<keyof typeof dashboardMethods> = {
  'dashboard.summary': (_input, ctx) => dashboardSummary(ctx.store.raw, ctx.now),
};
