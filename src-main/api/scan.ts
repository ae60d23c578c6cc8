import { SCAN_KIND_LABEL } from '../common/labels';
import { todayIso } from '../common/dates';
import type { scanMethods } from '../contract/scan';
import { scanResults, scanResultsXlsx } from '../scan/results';
import { cancelScan, scanStatus, startScan } from '../scan/runner';
import { staffActor, type HandlerMap } from './context';

export const scanHandlers: HandlerMap<keyof typeof scanMethods> = {
  'scan.start': (input, ctx) => ({
    id: startScan(
      ctx.store.raw,
      ctx.store.file,
      { referenceDate: input.referenceDate ?? todayIso(ctx.now), trigger: 'manual', actor: staffActor(ctx) },
      ctx.now,
    ),
  }),
  'scan.status': (input, ctx) => scanStatus(ctx.store.raw, input.id),
  'scan.cancel': async (input, ctx) => {
    await cancelScan(ctx.store.raw, input.id, staffActor(ctx), ctx.now);
    return { ok: true as const };
  },
  'scan.results': (input, ctx) => scanResults(ctx.store.raw, input, ctx.lang),
  'scan.exportXlsx': async (input, ctx) => {
    const { buffer, rows } = await scanResultsXlsx(ctx.store.raw, input, ctx.lang);
    const kind = input.kind ? `-${SCAN_KIND_LABEL[input.kind][ctx.lang]}` : '';
    return { fileName: `${ctx.lang === 'zh' ? '主动发现结果' : 'scan'}-${input.id}${kind}.xlsx`, base64: buffer.toString('base64'), rows };
  },
};
