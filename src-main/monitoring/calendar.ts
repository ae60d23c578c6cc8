/**
 * The office's working-day calendar (docs/rules/assistance.md §4.2): weekends are rest days
 * unless the calendar lists them as make-up workdays; listed holidays are rest days. An empty
 * calendar means weekends alone. The administrator imports it from a CSV file each year, read
 * by the exchange's reader as any department's file is (api/calendar.ts), checked here, and
 * stored by ./calendar-store.ts.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { prepared } from '../db/prepared';
import { isIsoDate } from '../common/dates';
import { appError } from '../common/errors';

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string | null;
}

/** Loads the calendar once per computation; deadlines for a whole import share it. */
export class WorkCalendar {
  private holidays = new Set<string>();
  private workdays = new Set<string>();
  constructor(days: Iterable<CalendarDay>) {
    for (const d of days) (d.kind === 'holiday' ? this.holidays : this.workdays).add(d.date);
  }
  static load(raw: BetterSqlite3.Database): WorkCalendar {
    // hot path: bench/import.ts apply (every import's deadlines; this module stays free of the query builder, which the
    // import worker does not load — ./calendar-store.ts keeps the calendar's other queries)
    return new WorkCalendar(prepared(raw, `SELECT date, kind, name FROM work_calendar`).all() as CalendarDay[]);
  }
  isWorkday(date: string): boolean {
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  }
  private added = new Map<string, string>();
  /** The date `n` working days after `from` (the day itself does not count). */
  addWorkingDays(from: string, n: number): string {
    // An import's warnings share a few (date, days) pairs.
    const key = `${from}+${n}`;
    let due = this.added.get(key);
    if (due === undefined) this.added.set(key, (due = this.countWorkingDays(from, n)));
    return due;
  }
  private countWorkingDays(from: string, n: number): string {
    let t = Date.parse(`${from}T00:00:00Z`);
    let left = n;
    while (left > 0) {
      t += 86_400_000;
      if (this.isWorkday(new Date(t).toISOString().slice(0, 10))) left--;
    }
    return new Date(t).toISOString().slice(0, 10);
  }
  /** Working days from `from` (exclusive) to `to` (inclusive); 0 when `to` ≤ `from`. */
  workingDaysBetween(from: string, to: string): number {
    let n = 0;
    for (let t = Date.parse(`${from}T00:00:00Z`) + 86_400_000, end = Date.parse(`${to}T00:00:00Z`); t <= end; t += 86_400_000) {
      if (this.isWorkday(new Date(t).toISOString().slice(0, 10))) n++;
    }
    return n;
  }
}

/** A Map, not an object: a cell reading "constructor" must not find Object's. */
const KIND_WORDS = new Map<string, CalendarDay['kind']>([
  ['holiday', 'holiday'],
  ['休', 'holiday'],
  ['休息', 'holiday'],
  ['假', 'holiday'],
  ['节假日', 'holiday'],
  ['放假', 'holiday'],
  ['workday', 'workday'],
  ['班', 'workday'],
  ['上班', 'workday'],
  ['调休上班', 'workday'],
  ['补班', 'workday'],
  ['工作日', 'workday'],
]);

/**
 * Reads the calendar's rows (as the file numbers them, blank rows left out): columns date, kind (holiday|workday, or 休/班),
 * optional name. A header row is optional. Throws naming the first bad row; nothing is written then.
 */
export function parseCalendarRows(rows: readonly { row: number; cells: readonly string[] }[]): CalendarDay[] {
  const out: CalendarDay[] = [];
  rows.forEach(({ row, cells }, i) => {
    const [date = '', kind = '', name = ''] = cells.map((c) => c.trim());
    if (i === 0 && !isIsoDate(date)) return; // header
    const k = KIND_WORDS.get(kind.toLowerCase()) ?? KIND_WORDS.get(kind);
    if (!isIsoDate(date))
      throw appError(
        'invalid_calendar',
        `Row ${row}: "${date}" is not a date (YYYY-MM-DD).`,
        `第 ${row} 行：“${date}”不是日期（YYYY-MM-DD）。`,
        'date',
      );
    if (!k)
      throw appError(
        'invalid_calendar',
        `Row ${row}: kind must be holiday or workday (休/班).`,
        `第 ${row} 行：类型须为 holiday 或 workday（休/班）。`,
        'kind',
      );
    out.push({ date, kind: k, name: name || null });
  });
  return out;
}
