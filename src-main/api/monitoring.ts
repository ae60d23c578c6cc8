import { backupStatus } from '../backup/backup';
import { maskIdNumber, maskName } from '../common/id-number';
import type { monitoringMethods } from '../contract/monitoring';
import { checkRegistry } from '../monitoring/registry-checks';
import { reviewsDue } from '../monitoring/reviews';
import { assign, closeWarning, recordVisit } from '../monitoring/warning-actions';
import { counts, getWarning } from '../monitoring/warnings';
import { queue, queueXlsx } from '../monitoring/queue';
import { todayIso } from '../common/dates';
import { checkPaperwork } from '../temporary/paperwork';
import { actor, masksPersonalData, staffActor, type HandlerMap } from './context';

export const monitoringHandlers: HandlerMap<keyof typeof monitoringMethods> = {
  'monitoring.queue': (i, ctx) => queue(ctx.store.raw, i, ctx.now, masksPersonalData(ctx)),
  'monitoring.exportXlsx': async (i, ctx) => {
    const { buffer, rows } = await queueXlsx(ctx.store.raw, i, ctx.now, ctx.lang, masksPersonalData(ctx));
    return {
      fileName: `${ctx.lang === 'zh' ? '动态监测预警' : 'warnings'}-${todayIso(ctx.now)}.xlsx`,
      base64: buffer.toString('base64'),
      rows,
    };
  },
  'monitoring.get': (i, ctx) => {
    const w = getWarning(ctx.store.raw, i.id);
    return masksPersonalData(ctx) && w
      ? {
          ...w,
          idNumber: w.idNumber ? maskIdNumber(w.idNumber) : w.idNumber,
          personName: w.personName ? maskName(w.personName) : w.personName,
        }
      : w;
  },
  'monitoring.assign': (i, ctx) => ({ assigned: assign(ctx.store.raw, i.ids, i.assigneeId, actor(ctx), ctx.now) }),
  'monitoring.recordVisit': (i, ctx) => ({ id: recordVisit(ctx.store.raw, i, actor(ctx), ctx.now) }),
  'monitoring.close': (i, ctx) => closeWarning(ctx.store.raw, i, staffActor(ctx), ctx.now),
  'monitoring.counts': (_i, ctx) => {
    const reviews = reviewsDue(ctx.store.raw, ctx.now, { pageSize: 1 });
    return {
      ...counts(ctx.store.raw, ctx.now, ctx.user?.id ?? null),
      reviews: { due: reviews.total, overdue: reviews.overdue },
      backup: backupStatus(ctx.store.raw, ctx.now),
    };
  },
  'monitoring.checkRegistry': (_i, ctx) => {
    // The 先行救助 paperwork deadlines too (docs/rules/temporary-service-recovery.md §11.1): their warnings join this queue.
    checkPaperwork(ctx.store.raw, ctx.now, actor(ctx));
    return checkRegistry(ctx.store.raw, ctx.now, actor(ctx));
  },
};
