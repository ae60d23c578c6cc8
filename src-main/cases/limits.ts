/**
 * A case's stage and its legal time limits (docs/rules/workstations.md, "Delegation, time limits and checks"), from its
 * append-only events on the office calendar: the township starts the investigation within 3 working days of the application,
 * the county its check within 3 of receiving the case, publicity lasts 7 calendar days, the decision comes within 10 working
 * days after publicity ends, the whole case within 30 working days (45 with a recorded extension).
 */
import type { CaseEventsTable } from '../db/schema';
import type { WorkCalendar } from '../monitoring/calendar';

export const STAGES = ['received', 'investigated', 'publicised', 'decided', 'refused', 'withdrawn'] as const;
export type Stage = (typeof STAGES)[number];
export const CLOSED: readonly Stage[] = ['decided', 'refused', 'withdrawn'];

export const LIMITS = { investigationStart: 3, checkStart: 3, publicityDays: 7, decisionAfterPublicity: 10, whole: 30, extended: 45 };

/** A stage's details as stored: flat texts, numbers, flags and lists of names. */
export type Detail = string | number | boolean | null | string[];

export interface CaseEvent {
  id: number;
  kind: CaseEventsTable['kind'];
  onDate: string;
  level: 'township' | 'county';
  detail: Record<string, Detail>;
}

export type LimitName = 'investigation_start' | 'check_start' | 'decision' | 'whole';

export interface CaseClock {
  stage: Stage;
  /** The limit that falls first among those still running, or null once the case is closed. */
  limit: LimitName | null;
  dueOn: string | null;
  /** Working days from today to dueOn (negative: overdue by that many). */
  daysLeft: number | null;
  overdue: boolean;
  extended: boolean;
  publicityFrom: string | null;
  publicityTo: string | null;
  objection: boolean;
  appraised: boolean;
  closedOn: string | null;
  /** Working days from the application to the decision (or to today while open). */
  workingDays: number;
}

/** What a clock needs of the office calendar: WorkCalendar itself, or CountedDays for many cases at once. */
export interface DayCounter {
  addWorkingDays(from: string, n: number): string;
  workingDaysBetween(from: string, to: string): number;
}

const dayNo = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/**
 * The calendar with working days counted once over the span asked for (a running count per day), so a county's cases are
 * timed in one pass: counting each case day by day took 3.7 s for 6,000 cases (bench/cases.ts).
 */
export class CountedDays implements DayCounter {
  private lo = 0;
  private counts = new Int32Array(0);
  constructor(private readonly cal: WorkCalendar) {}
  addWorkingDays(from: string, n: number): string {
    return this.cal.addWorkingDays(from, n);
  }
  workingDaysBetween(from: string, to: string): number {
    const f = dayNo(from),
      t = dayNo(to);
    if (t <= f) return 0;
    if (f < this.lo || t >= this.lo + this.counts.length)
      this.span(Math.min(f, this.lo || f) - 31, Math.max(t, this.lo + this.counts.length) + 366);
    return this.counts[t - this.lo] - this.counts[f - this.lo];
  }
  /** counts[i]: working days among the days lo … lo + i. */
  private span(lo: number, hi: number): void {
    const counts = new Int32Array(hi - lo + 1);
    let n = 0;
    for (let d = lo; d <= hi; d++) {
      if (this.cal.isWorkday(new Date(d * 86_400_000).toISOString().slice(0, 10))) n++;
      counts[d - lo] = n;
    }
    this.lo = lo;
    this.counts = counts;
  }
}

/** The last day of publicity: 7 calendar days counting the first (workstations.md: publicity lasts 7 calendar days). */
export function publicityEnd(from: string): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + (LIMITS.publicityDays - 1) * 86_400_000).toISOString().slice(0, 10);
}

const has = (events: CaseEvent[], kind: string) => events.some((e) => e.kind === kind);
const lastOf = (events: CaseEvent[], kind: string) => events.filter((e) => e.kind === kind).at(-1);

export function stageOf(events: CaseEvent[]): Stage {
  for (const k of ['withdrawn', 'refused', 'decided'] as const) if (has(events, k)) return k;
  if (has(events, 'publicity')) return 'publicised';
  if (has(events, 'investigated')) return 'investigated';
  return 'received';
}

/** The case's clock on `today`, events in the order recorded. */
export function caseClock(receivedOn: string, events: CaseEvent[], cal: DayCounter, today: string): CaseClock {
  const stage = stageOf(events);
  const extended = has(events, 'extended');
  const pub = lastOf(events, 'publicity');
  const publicityFrom = pub?.onDate ?? null;
  const publicityTo = publicityFrom ? publicityEnd(publicityFrom) : null;
  const objection = has(events, 'objection');
  const lastObjection = lastOf(events, 'objection');
  const appraised = !!lastObjection && events.some((e) => e.kind === 'appraisal' && e.id > lastObjection.id);
  const closing = events.find((e) => (CLOSED as readonly string[]).includes(e.kind));
  const closedOn = closing?.onDate ?? null;
  const workingDays = cal.workingDaysBetween(receivedOn, closedOn ?? today);
  const base = { stage, extended, publicityFrom, publicityTo, objection, appraised, closedOn, workingDays };
  if (closing) return { ...base, limit: null, dueOn: null, daysLeft: null, overdue: false };
  const running: [LimitName, string][] = [];
  if (!has(events, 'investigation_started'))
    running.push(['investigation_start', cal.addWorkingDays(receivedOn, LIMITS.investigationStart)]);
  const investigated = lastOf(events, 'investigated');
  if (investigated && !has(events, 'check_started'))
    running.push(['check_start', cal.addWorkingDays(investigated.onDate, LIMITS.checkStart)]);
  if (publicityTo) running.push(['decision', cal.addWorkingDays(publicityTo, LIMITS.decisionAfterPublicity)]);
  running.push(['whole', cal.addWorkingDays(receivedOn, extended ? LIMITS.extended : LIMITS.whole)]);
  running.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const [limit, dueOn] = running[0];
  const overdue = today > dueOn;
  const daysLeft = overdue ? -cal.workingDaysBetween(dueOn, today) : cal.workingDaysBetween(today, dueOn);
  return { ...base, limit, dueOn, daysLeft, overdue };
}
