import { describe, expect, it } from 'vitest';
import { WorkCalendar, parseCalendarCsv } from '../../../src-main/monitoring/calendar';

describe('working-day calendar', () => {
  it('counts weekends alone when empty', () => {
    const c = new WorkCalendar([]);
    expect(c.addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
    expect(c.addWorkingDays('2026-11-30', 5)).toBe('2026-12-07');
    expect(c.addWorkingDays('2026-11-30', 10)).toBe('2026-12-14');
  });

  it('skips holidays and counts make-up workdays', () => {
    const c = new WorkCalendar(
      parseCalendarCsv('date,kind,name\n2026-10-01,休,国庆节\n2026-10-02,休,国庆节\n2026-10-05,holiday,国庆节\n2026-10-10,班,调休上班\n'),
    );
    expect(c.isWorkday('2026-10-01')).toBe(false);
    expect(c.isWorkday('2026-10-10')).toBe(true); // a Saturday made a workday
    // From Wednesday 30 Sep: Thu 1, Fri 2 holidays; Mon 5 holiday; Tue 6 … 5 working days → Sat 10 (make-up)
    expect(c.addWorkingDays('2026-09-30', 4)).toBe('2026-10-09');
    expect(c.addWorkingDays('2026-09-30', 5)).toBe('2026-10-10');
    expect(c.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(5);
  });

  it('refuses a bad calendar row, naming it', () => {
    expect(() => parseCalendarCsv('2026-10-01,休\n2026-13-01,休\n')).toThrow(/Row 2/);
    expect(() => parseCalendarCsv('2026-10-01,maybe\n')).toThrow(/kind/);
  });
});
