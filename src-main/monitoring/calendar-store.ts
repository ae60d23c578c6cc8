/**
 * The office's working-day calendar as the administrator keeps it (docs/rules/assistance.md
 * §4.2): a year's imported days replace that year's, audited; a year's days listed. Apart from
 * ./calendar.ts, which every import's deadlines load and which stays free of the query builder.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { NotNull } from 'kysely';
import type { Actor } from '../audit/actor';
import { appendAudit } from '../audit/audit';
import { all, qb, run } from '../db/query';
import type { CalendarDay } from './calendar';

/** The calendar's days (a date is its key, never null in fact; SQLite allows a null key of a text column). */
const days = () =>
  qb.selectFrom('work_calendar').select(['date', 'kind', 'name']).where('date', 'is not', null).$narrowType<{ date: NotNull }>();

/** Replaces the listed years of the calendar with the imported days (one transaction, audited). */
export function importCalendar(
  raw: BetterSqlite3.Database,
  days: CalendarDay[],
  actor: Actor,
  now: Date,
): { years: string[]; days: number } {
  const years = [...new Set(days.map((d) => d.date.slice(0, 4)))].sort();
  raw.transaction(() => {
    for (const y of years) run(raw, qb.deleteFrom('work_calendar').where('date', 'like', `${y}-%`));
    for (const d of days) run(raw, qb.replaceInto('work_calendar').values(d));
    appendAudit(raw, {
      ...actor,
      action: 'import',
      entity: 'work_calendar',
      entityId: years.join(','),
      summary: `working-day calendar for ${years.join(', ')}: ${days.length} days`,
      after: { years, days: days.length },
      at: now.toISOString(),
    });
  })();
  return { years, days: days.length };
}

export function listCalendar(raw: BetterSqlite3.Database, year: string): CalendarDay[] {
  return all(raw, days().where('date', 'like', `${year}-%`).orderBy('date'));
}
