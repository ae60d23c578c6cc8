import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { allRows } from '../../../src-main/exchange/read-table';
import { WorkCalendar, parseCalendarRows } from '../../../src-main/monitoring/calendar';
import { tempDir } from '../../fixtures/builders';

/** Rows as the exchange's reader gives them (numbered from 1), from CSV lines. */
const rows = (text: string) => text.split('\n').map((line, i) => ({ row: i + 1, cells: line.split(',') }));

describe('working-day calendar', () => {
  it('counts weekends alone when empty', () => {
    const c = new WorkCalendar([]);
    expect(c.addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
    expect(c.addWorkingDays('2026-11-30', 5)).toBe('2026-12-07');
    expect(c.addWorkingDays('2026-11-30', 10)).toBe('2026-12-14');
  });

  it('skips holidays and counts make-up workdays', () => {
    const c = new WorkCalendar(
      parseCalendarRows(
        rows('date,kind,name\n2026-10-01,休,国庆节\n2026-10-02,休,国庆节\n2026-10-05,holiday,国庆节\n2026-10-10,班,调休上班'),
      ),
    );
    expect(c.isWorkday('2026-10-01')).toBe(false);
    expect(c.isWorkday('2026-10-10')).toBe(true); // a Saturday made a workday
    // From Wednesday 30 Sep: Thu 1, Fri 2 holidays; Mon 5 holiday; Tue 6 … 5 working days → Sat 10 (make-up)
    expect(c.addWorkingDays('2026-09-30', 4)).toBe('2026-10-09');
    expect(c.addWorkingDays('2026-09-30', 5)).toBe('2026-10-10');
    expect(c.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(5);
  });

  it('refuses a bad calendar row, naming it as the file numbers it', () => {
    expect(() => parseCalendarRows(rows('2026-10-01,休\n2026-13-01,休'))).toThrow(/Row 2/);
    expect(() => parseCalendarRows(rows('2026-10-01,maybe'))).toThrow(/kind/);
    expect(() => parseCalendarRows(rows('2026-10-01,constructor'))).toThrow(/kind/);
  });

  it("reads the file with the exchange's reader: GB18030 or UTF-8 with a BOM, blank lines left out, rows numbered as in the file", async () => {
    const dir = tempDir();
    const text = '日期,类型,名称\r\n2026-10-01,休,国庆节\r\n\r\n2026-10-10,班,调休上班\r\n';
    const gb = path.join(dir, 'cal-gb.csv'),
      bom = path.join(dir, 'cal-bom.csv');
    fs.writeFileSync(gb, iconv.encode(text, 'gb18030'));
    fs.writeFileSync(bom, '\uFEFF' + text);
    for (const file of [gb, bom]) {
      const read = await allRows(file);
      expect(read.map((r) => r.row)).toEqual([1, 2, 4]);
      expect(parseCalendarRows(read)).toEqual([
        { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
        { date: '2026-10-10', kind: 'workday', name: '调休上班' },
      ]);
    }
    fs.writeFileSync(bom, '\uFEFF2026-10-01,休\n\n2026-10-32,休\n');
    expect(() => parseCalendarRows([])).not.toThrow();
    await expect(allRows(bom).then(parseCalendarRows)).rejects.toThrow(/Row 3/);
  });
});
