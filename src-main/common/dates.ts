/** Dates are ISO `YYYY-MM-DD` strings; months `YYYY-MM`. Calendar arithmetic without time zones. */

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = +m[1],
    mo = +m[2],
    d = +m[3];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Today in the workstation's local calendar. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear(),
    m = now.getMonth() + 1,
    d = now.getDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Completed years between a birth date and a reference date. A birthday is reached on its
 * date; 29 February is reached on 1 March in non-leap years (docs/rules/assistance.md §10.2).
 */
export function ageOn(birth: string, ref: string): number {
  return ageOnParts(numberAt(birth, 0, 4), numberAt(birth, 5, 2), numberAt(birth, 8, 2), ref);
}

/** `ageOn` for a birth date already split into year, month and day. */
export function ageOnParts(by: number, bm: number, bd: number, ref: string): number {
  const ry = numberAt(ref, 0, 4),
    rm = numberAt(ref, 5, 2),
    rd = numberAt(ref, 8, 2);
  let age = ry - by;
  let m = bm,
    d = bd;
  if (bm === 2 && bd === 29 && !isLeapYear(ry)) {
    m = 3;
    d = 1;
  }
  if (rm < m || (rm === m && rd < d)) age -= 1;
  return age;
}

/**
 * `+s.slice(from, from + n)`, without building the substring when it is all digits: a county
 * scan computes ages by the million, and `+'07'` (a leading zero) takes V8's slow path.
 */
export function numberAt(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return +s.slice(from, from + n);
    v = v * 10 + c;
  }
  return v;
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const y = +month.slice(0, 4),
    m = +month.slice(5, 7) - 1 + n;
  const yy = y + Math.floor(m / 12),
    mm = (((m % 12) + 12) % 12) + 1;
  return `${yy}-${String(mm).padStart(2, '0')}`;
}

/** Whole months from `from` to `to` (both `YYYY-MM`). */
export function monthsBetween(from: string, to: string): number {
  return (+to.slice(0, 4) - +from.slice(0, 4)) * 12 + (+to.slice(5, 7) - +from.slice(5, 7));
}

/**
 * Months paid in the calendar year from `date` on, the month it falls in included (a standard from
 * 2027-07-15 is paid for July to December: 6) — what a monthly amount costs in the year it takes effect.
 */
export function monthsLeftInYear(date: string): number {
  return 13 - Number(date.slice(5, 7));
}
