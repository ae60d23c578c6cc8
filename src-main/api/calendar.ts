import fs from 'node:fs';
import { appError } from '../common/errors';
import type { calendarMethods } from '../contract/calendar';
import { resolveFileInput } from '../exchange/file-input';
import { importCalendar, listCalendar, parseCalendarCsv } from '../monitoring/calendar';
import { actor, type HandlerMap } from './context';

export const calendarHandlers: HandlerMap<keyof typeof calendarMethods> = {
  'calendar.list': (i, ctx) => listCalendar(ctx.store.raw, i.year),
  'calendar.import': (i, ctx) => {
    const f = resolveFileInput(i.file);
    if (f.bytes > 1_000_000)
      throw appError('file_too_large', 'A calendar file is small; this one is over 1 MB.', '日历文件不应超过 1 MB。', 'file');
    return importCalendar(ctx.store.raw, parseCalendarCsv(fs.readFileSync(f.file, 'utf8')), actor(ctx), ctx.now);
  },
};
