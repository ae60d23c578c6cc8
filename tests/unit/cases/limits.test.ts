/**
 * The legal time limits of a case on the office calendar (docs/rules/workstations.md, "Delegation, time limits and checks"):
 * a holiday week with its make-up working days, a case received on a Friday, each limit in turn, the extension to 45.
 */
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../src-main/monitoring/calendar';
import { caseClock, CountedDays, publicityEnd, stageOf, type CaseEvent } from '../../../src-main/cases/limits';

// National Day 2026 as an office might list it: 1–7 October off, Sunday 27 September and Saturday 10 October worked.
const cal = new WorkCalendar([
  ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2026-10-0${d}`, kind: 'holiday' as const, name: '国庆节' })),
  { date: '2026-09-27', kind: 'workday', name: '补班' },
  { date: '2026-10-10', kind: 'workday', name: '补班' },
]);
const weekendsOnly = new WorkCalendar([]);

let nextId = 1;
const ev = (kind: CaseEvent['kind'], onDate: string, level: 'township' | 'county' = 'township'): CaseEvent => ({
  id: nextId++,
  kind,
  onDate,
  level,
  detail: {},
});

describe('working days on the office calendar', () => {
  it('counts a make-up Sunday, skips the holiday week and counts a make-up Saturday', () => {
    // Received Friday 25 September: Sunday 27 (make-up), Monday 28, Tuesday 29.
    expect(cal.addWorkingDays('2026-09-25', 3)).toBe('2026-09-29');
    // Received Wednesday 30 September: the holiday week is skipped; Thursday 8, Friday 9, Saturday 10 (make-up).
    expect(cal.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    // Without a calendar only weekends rest: Friday → Wednesday.
    expect(weekendsOnly.addWorkingDays('2026-09-25', 3)).toBe('2026-09-30');
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
  });

  it('counts the same with the running count the list uses, over any span, growing it as asked', () => {
    const counted = new CountedDays(cal);
    const days = Array.from({ length: 120 }, (_, i) =>
      new Date(Date.parse('2026-08-01T00:00:00Z') + i * 86_400_000).toISOString().slice(0, 10),
    );
    for (const from of days.filter((_, i) => i % 7 === 0))
      for (const to of days.filter((_, i) => i % 5 === 0))
        expect(counted.workingDaysBetween(from, to)).toBe(cal.workingDaysBetween(from, to));
    expect(counted.workingDaysBetween('2024-01-01', '2027-06-30')).toBe(cal.workingDaysBetween('2024-01-01', '2027-06-30'));
  });
});

describe('the limits of a case', () => {
  it('township starts the investigation within 3 working days of the application (received on a Friday)', () => {
    const c = caseClock('2026-09-25', [], cal, '2026-09-28');
    expect(c).toMatchObject({ stage: 'received', limit: 'investigation_start', dueOn: '2026-09-29', daysLeft: 1, overdue: false });
    const late = caseClock('2026-09-25', [], cal, '2026-10-08');
    // Due 29 September; 30 September and 8 October are working days past it.
    expect(late).toMatchObject({ overdue: true, daysLeft: -2 });
  });

  it('county starts its check within 3 working days of receiving the case', () => {
    const events = [ev('investigation_started', '2026-09-28'), ev('home_visit', '2026-09-29'), ev('investigated', '2026-09-30')];
    expect(stageOf(events)).toBe('investigated');
    const c = caseClock('2026-09-25', events, cal, '2026-09-30');
    expect(c).toMatchObject({ limit: 'check_start', dueOn: '2026-10-10', overdue: false });
    expect(caseClock('2026-09-25', events, cal, '2026-10-12').overdue).toBe(true);
  });

  it('publicity lasts 7 calendar days; the decision comes within 10 working days after it', () => {
    expect(publicityEnd('2026-10-12')).toBe('2026-10-18');
    const events = [
      ev('investigation_started', '2026-09-28'),
      ev('investigated', '2026-09-30'),
      ev('check_started', '2026-10-08', 'county'),
      ev('publicity', '2026-10-12'),
    ];
    const c = caseClock('2026-09-25', events, cal, '2026-10-20');
    expect(c).toMatchObject({
      stage: 'publicised',
      publicityFrom: '2026-10-12',
      publicityTo: '2026-10-18',
      limit: 'decision',
      dueOn: '2026-10-30',
    });
    expect(c.daysLeft).toBe(8);
  });

  it('the whole case within 30 working days, 45 once extended; a closed case has no limit', () => {
    const started = [
      ev('investigation_started', '2026-09-28'),
      ev('investigated', '2026-09-30'),
      ev('check_started', '2026-10-08', 'county'),
    ];
    const c = caseClock('2026-09-25', started, cal, '2026-10-20');
    expect(c).toMatchObject({ limit: 'whole', dueOn: '2026-11-11', extended: false });
    expect(caseClock('2026-09-25', started, cal, '2026-11-12').overdue).toBe(true);
    const ext = caseClock('2026-09-25', [...started, ev('extended', '2026-11-10', 'county')], cal, '2026-11-12');
    expect(ext).toMatchObject({ limit: 'whole', dueOn: '2026-12-02', extended: true, overdue: false });
    const closed = caseClock(
      '2026-09-25',
      [...started, ev('publicity', '2026-10-12'), ev('decided', '2026-10-20', 'county')],
      cal,
      '2026-12-20',
    );
    expect(closed).toMatchObject({ stage: 'decided', limit: null, overdue: false, closedOn: '2026-10-20' });
    // 27–30 September (4, the Sunday a make-up day), 8–10 October (3), 12–16 (5), 19–20 (2).
    expect(closed.workingDays).toBe(14);
  });
});
