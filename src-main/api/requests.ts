import { decideRequest, listRequests, requestById } from '../auth/requests';
import '../auth/request-kinds';
import type { requestsMethods } from '../contract/requests';
import { person, type HandlerMap } from './context';

export const requestsHandlers: HandlerMap<keyof typeof requestsMethods> = {
  'requests.list': (_i, ctx) => listRequests(ctx.store.raw, person(ctx), ctx.now),
  'requests.get': (i, ctx) => requestById(ctx.store.raw, i.id, person(ctx), ctx.now),
  'requests.confirm': (i, ctx) => decideRequest(ctx.store, i.id, 'confirm', person(ctx), ctx.now, { secret: i.secret }),
  'requests.refuse': (i, ctx) => decideRequest(ctx.store, i.id, 'refuse', person(ctx), ctx.now, { reason: i.reason }),
  'requests.withdraw': (i, ctx) => decideRequest(ctx.store, i.id, 'withdraw', person(ctx), ctx.now),
};
