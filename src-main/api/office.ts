import { appError } from '../common/errors';
import type { officeMethods } from '../contract/office';
import { officeOf, updateOffice } from '../office/office';
import { actor, type HandlerMap } from './context';

export const officeHandlers: HandlerMap<keyof typeof officeMethods> = {
  'office.get': (_i, ctx) => {
    const o = officeOf(ctx.store.raw);
    if (!o) throw appError('not_set_up', 'The office is not set up yet.', '尚未完成初始设置。');
    return o;
  },
  'office.update': (input, ctx) => updateOffice(ctx.store.raw, input, actor(ctx), ctx.now),
};
