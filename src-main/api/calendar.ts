import { appError } from '../common/errors';
import type { calendarMethods } from '../contract/calendar';
import { allRows } from '../exchange/read-table';
import { parseCalendarRows } from '../monitoring/calendar';
import { importCalendar, listCalendar } from '../monitoring/calendar-store';
import { actor, type HandlerMap } from './context';
import { fileOf } from './files';

/** A calendar is a year's holidays and make-up workdays: a few dozen lines. */
const MAX_CALENDAR_BYTES = 1_000_000;

export const calendarHandlers: HandlerMap<keyof typeof calendarMethods> = {
  'calendar.list': (i, ctx) => listCalendar(ctx.store.raw, i.year),
  'calendar.import': async (i, ctx) => {
    const f = fileOf(ctx, i.file);
    if (f.bytes > MAX_CALENDAR_BYTES)
      throw appError('file_too_large', 'A calendar file is small; this one is over 1 MB.', '日历文件不应超过 1 MB。', 'file');
    // Read as any department's file is (encoding detected: a calendar saved from a spreadsheet in GB18030 reads as well).
    return importCalendar(ctx.store.raw, parseCalendarRows(await allRows(f.file, f.name)), actor(ctx), ctx.now);
  },
};
