import { maskIdNumber, maskName } from '../common/id-number';
import { oneOffMonth } from '../payments/one-off';
import { appError } from '../common/errors';
import type { temporaryMethods } from '../contract/temporary';
import { createCase } from '../temporary/cases';
import { decide } from '../temporary/decide';
import { exportCases } from '../temporary/export';
import { fundLedger, topUp } from '../temporary/fund';
import { getCase, listCases } from '../temporary/list';
import { pay } from '../temporary/pay';
import { checkPaperwork, paperworkDue, recordPaperwork } from '../temporary/paperwork';
import { checkTemporaryParameter, listTemporaryParameters } from '../temporary/parameters';
import { askTemporaryParameter } from '../auth/request-kinds';
import { previewCase } from '../temporary/preview';
import type { CaseActor } from '../temporary/records';
import { actor, masksPersonalData, person, type Ctx, type HandlerMap } from './context';

/** The caller with the role the bands of §11.3 read. */
function caseActor(ctx: Ctx): CaseActor {
  if (!ctx.user) throw appError('not_logged_in', 'Please log in.', '请先登录。');
  return { userId: ctx.user.id, username: ctx.user.username, role: ctx.user.role };
}

/** The administrator keeps the system, not cases: personal fields masked (docs/rules/assistance.md §8). */
function masked<T extends { idNumber: string; personName: string }>(ctx: Ctx, r: T): T {
  return masksPersonalData(ctx) ? { ...r, idNumber: maskIdNumber(r.idNumber), personName: maskName(r.personName) } : r;
}

export const temporaryHandlers: HandlerMap<keyof typeof temporaryMethods> = {
  'temporary.assess': (i, ctx) => previewCase(ctx.store.raw, i, ctx.lang),
  'temporary.create': (i, ctx) => createCase(ctx.store.raw, i, caseActor(ctx), ctx.now),
  'temporary.decide': (i, ctx) => decide(ctx.store.raw, i, caseActor(ctx), ctx.now),
  'temporary.pay': (i, ctx) => pay(ctx.store.raw, i, actor(ctx), ctx.now),
  'temporary.paperwork': (i, ctx) => recordPaperwork(ctx.store.raw, i, actor(ctx), ctx.now),
  'temporary.checkPaperwork': (_i, ctx) => checkPaperwork(ctx.store.raw, ctx.now, actor(ctx)),
  'temporary.paperworkDue': (_i, ctx) => paperworkDue(ctx.store.raw, ctx.now).map((d) => masked(ctx, d)),
  'temporary.list': (i, ctx) => {
    const r = listCases(ctx.store.raw, i);
    return { ...r, items: r.items.map((x) => masked(ctx, x)) };
  },
  'temporary.export': (i, ctx) =>
    exportCases(ctx.store.raw, i, (id, name) => (masksPersonalData(ctx) ? [maskIdNumber(id), maskName(name)] : [id, name])),
  'temporary.get': (i, ctx) => masked(ctx, getCase(ctx.store.raw, i.id, ctx.lang, caseActor(ctx), ctx.now)),
  'temporary.month': (i, ctx) => oneOffMonth(ctx.store.raw, i.month),
  'temporary.fund': (i, ctx) => fundLedger(ctx.store.raw, i.townshipId, i.year),
  'temporary.topUp': (i, ctx) => topUp(ctx.store.raw, i, actor(ctx), ctx.now),
  'temporary.parameters': (_i, ctx) => listTemporaryParameters(ctx.store.raw),
  'temporary.addParameter': (i, ctx) => {
    checkTemporaryParameter(i);
    return askTemporaryParameter(ctx.store.raw, i, person(ctx), ctx.now);
  },
};
