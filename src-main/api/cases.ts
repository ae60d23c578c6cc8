import { todayIso } from '../common/dates';
import { maskName } from '../common/id-number';
import { openCase, recordStep } from '../cases/cases';
import { delegationHistory, setDelegation } from '../cases/delegation';
import { casesXlsx } from '../cases/export';
import { listCases, publicityList, townshipProgress } from '../cases/list';
import { calendarGaps, getCase } from '../cases/read';
import { drawSpotChecks, recordSpotCheck, spotCheckList } from '../cases/spot-checks';
import type { casesMethods } from '../contract/cases';
import { renderReport } from '../reports/render';
import { actor, masksPersonalData, type HandlerMap } from './context';

export const casesHandlers: HandlerMap<keyof typeof casesMethods> = {
  'cases.open': (i, ctx) => ({ id: openCase(ctx.store.raw, i, actor(ctx), ctx.now) }),
  'cases.record': (i, ctx) => ({ eventId: recordStep(ctx.store.raw, i.id, i.step, actor(ctx), ctx.now) }),
  // two-person: requests mechanism (docs/security.md) — an extension is a manager's today; a second person will confirm it.
  'cases.extend': (i, ctx) => ({
    eventId: recordStep(ctx.store.raw, i.id, { kind: 'extended', on: i.on, reason: i.reason }, actor(ctx), ctx.now),
  }),
  'cases.decide': (i, ctx) => ({
    eventId: recordStep(
      ctx.store.raw,
      i.id,
      { kind: i.decision, on: i.on, level: i.level, reason: i.reason, determinationId: i.determinationId },
      actor(ctx),
      ctx.now,
    ),
  }),
  'cases.list': (i, ctx) => {
    const out = listCases(ctx.store.raw, ctx.now, i);
    const items = masksPersonalData(ctx) ? out.items.map((r) => ({ ...r, headName: maskName(r.headName) })) : out.items;
    return { ...out, items, calendarGaps: calendarGaps(ctx.store.raw, todayIso(ctx.now)) };
  },
  'cases.export': async (i, ctx) => {
    const { buffer, rows } = await casesXlsx(ctx.store.raw, ctx.now, i, ctx.lang, masksPersonalData(ctx));
    return { fileName: `cases-${todayIso(ctx.now)}.xlsx`, base64: buffer.toString('base64'), rows };
  },
  'cases.get': (i, ctx) => {
    const c = getCase(ctx.store.raw, i.id, ctx.now);
    return masksPersonalData(ctx) ? { ...c, headName: maskName(c.headName) } : c;
  },
  'cases.townships': (i, ctx) => townshipProgress(ctx.store.raw, i.month, todayIso(ctx.now)),
  'cases.publicity': (i, ctx) => publicityList(ctx.store.raw, ctx.now, i.townshipId),
  'cases.delegation': (_i, ctx) => delegationHistory(ctx.store.raw),
  'cases.setDelegation': (i, ctx) => {
    setDelegation(ctx.store.raw, i, actor(ctx), ctx.now);
    return { ok: true as const };
  },
  'cases.spotDraw': (i, ctx) => ({ drawId: drawSpotChecks(ctx.store.raw, i, actor(ctx), ctx.now) }),
  'cases.spotList': (i, ctx) => spotCheckList(ctx.store.raw, i.month, ctx.now),
  'cases.spotRecord': (i, ctx) => recordSpotCheck(ctx.store.raw, i, actor(ctx), ctx.now),
  'cases.print': async (i, ctx) => {
    const f = await renderReport(ctx.store.raw, { kind: i.form, month: i.month, townshipId: i.townshipId, format: i.format }, ctx.now);
    return i.format === 'html'
      ? { fileName: f.fileName, mime: f.mime, pages: f.pages, html: f.data.toString('utf8') }
      : { fileName: f.fileName, mime: f.mime, pages: f.pages, base64: f.data.toString('base64') };
  },
};
