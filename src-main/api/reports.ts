import { appError } from '../common/errors';
import type { reportsMethods } from '../contract/reports';
import { renderReport } from '../reports/render';
import type { HandlerMap } from './context';

export const reportsHandlers: HandlerMap<keyof typeof reportsMethods> = {
  'reports.render': async (input, ctx) => {
    // Managers print and sign the monthly lists; everyone may print a household's chain, and a clerk a recovery notice.
    const isManager = ctx.user?.role === 'manager' || ctx.user?.role === 'administrator';
    if (input.kind !== 'chain' && !(input.kind === 'recovery_notice' && ctx.user?.role === 'clerk') && !isManager)
      throw appError('forbidden', 'Monthly lists are printed by a manager.', '月度名册由审核人员打印。');
    const f = await renderReport(ctx.store.raw, input, ctx.now);
    return input.format === 'html'
      ? { fileName: f.fileName, mime: f.mime, pages: f.pages, html: f.data.toString('utf8') }
      : { fileName: f.fileName, mime: f.mime, pages: f.pages, base64: f.data.toString('base64') };
  },
};
