import { decideRequest, listRequests, requestById } from '../auth/requests';
import '../auth/request-kinds';
import type { requestsMethods } from '../contract/requests';
import { person, type Ctx, type HandlerMap } from './context';
import { gateOf } from './files';
import { first, qb } from '../db/query';
import { parseJson } from '../common/json';

export const requestsHandlers: HandlerMap<keyof typeof requestsMethods> = {
  'requests.list': (_i, ctx) => listRequests(ctx.store.raw, person(ctx), ctx.now),
  'requests.get': (i, ctx) => requestById(ctx.store.raw, i.id, person(ctx), ctx.now),
  'requests.confirm': (i, ctx) =>
    releasingUpload(ctx, i.id, () => decideRequest(ctx.store, i.id, 'confirm', person(ctx), ctx.now, { secret: i.secret })),
  'requests.refuse': (i, ctx) =>
    releasingUpload(ctx, i.id, () => decideRequest(ctx.store, i.id, 'refuse', person(ctx), ctx.now, { reason: i.reason })),
  'requests.withdraw': (i, ctx) => releasingUpload(ctx, i.id, () => decideRequest(ctx.store, i.id, 'withdraw', person(ctx), ctx.now)),
};

/**
 * A request that names an uploaded file (a backup to restore) keeps the upload until it is decided; then the copy of the
 * county's data in the transfer folder goes (docs/security.md "Inputs"). A decision that fails keeps it for another try.
 */
async function releasingUpload<T>(ctx: Ctx, id: number, decide: () => Promise<T> | T): Promise<T> {
  const row = first(ctx.store.raw, qb.selectFrom('requests').select('payload_json').where('id', '=', id));
  const result = await decide();
  const named = row ? (parseJson(row.payload_json) as { path?: unknown } | null)?.path : undefined;
  if (typeof named === 'string') gateOf(ctx).transfer.releaseFile(named);
  return result;
}
