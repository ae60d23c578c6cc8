import { todayIso } from '../common/dates';
import { maskName } from '../common/id-number';
import { AppError } from '../common/errors';
import { parseHouseholdFile } from '../common/household-file';
import type { householdsMethods } from '../contract/households';
import { createHousehold, mustLoadHousehold, updateHousehold } from '../registry/edit';
import { presentSize, toHouseholdFile } from '../registry/households';
import { listHouseholds } from '../registry/list';
import { householdListXlsx } from '../registry/list-xlsx';
import { actor, masksPersonalData, type HandlerMap } from './context';

export const householdsHandlers: HandlerMap<keyof typeof householdsMethods> = {
  'households.list': (input, ctx) => listHouseholds(ctx.store.raw, input),

  'households.exportXlsx': async (input, ctx) => {
    const { buffer, rows } = await householdListXlsx(ctx.store.raw, input, ctx.lang, masksPersonalData(ctx));
    return { fileName: `households-${todayIso(ctx.now)}.xlsx`, base64: buffer.toString('base64'), rows };
  },

  'households.get': (input, ctx) => {
    const h = mustLoadHousehold(ctx.store.raw, input.id);
    return {
      id: input.id,
      version: h.version,
      createdAt: h.createdAt,
      updatedAt: h.updatedAt,
      size: presentSize(h.data),
      household: h.data,
    };
  },

  'households.create': (input, ctx) => createHousehold(ctx.store.raw, input.household, actor(ctx), ctx.now),

  'households.update': (input, ctx) => updateHousehold(ctx.store.raw, input.id, input.version, input.household, actor(ctx), ctx.now),

  'households.exportFile': (input, ctx) => {
    const h = mustLoadHousehold(ctx.store.raw, input.id);
    // A stored household has exactly one head (the schema checked it on the way in).
    const head = h.data.members.find((m) => m.relation === 'head')!;
    // The name of a file travels further than its content (a USB stick's listing, a mail): the household's number and the head's
    // masked name (`郑_出`: a file name may not hold `*`), never an ID number (docs/rules/assistance.md §8, docs/security.md "Inputs").
    const masked = maskName(head.name).replace(/[\\/:*?"<>|]/g, '_');
    return { fileName: `household-${input.id}-${masked}.json`, text: toHouseholdFile(h.data) };
  },

  'households.importFile': (input, ctx) => {
    const r = parseHouseholdFile(input.text, todayIso(ctx.now));
    if (!r.ok) {
      throw new AppError(
        'invalid_household_file',
        { en: `${r.error.field || 'file'}: ${r.error.message}`, zh: `${r.error.field || '文件'}：${r.error.message}` },
        r.error.field,
      );
    }
    return createHousehold(ctx.store.raw, r.value.household, actor(ctx), ctx.now, 'import');
  },
};
