import type { conflictsMethods } from '../contract/conflicts';
import { conflictDetail, listConflicts, resolveConflict } from '../stations/conflicts';
import { staffActor, type HandlerMap } from './context';

export const conflictsHandlers: HandlerMap<keyof typeof conflictsMethods> = {
  'conflicts.list': (i, ctx) => listConflicts(ctx.store.raw, i.status),
  'conflicts.get': (i, ctx) => conflictDetail(ctx.store.raw, i.id),
  'conflicts.resolve': (i, ctx) => resolveConflict(ctx.store.raw, i.id, { take: i.take, fields: i.fields }, staffActor(ctx), ctx.now),
};
