/** Months and quarters of service plans and reports: `YYYY-MM`, `YYYY-Qn`. */
import { addMonths } from '../common/dates';

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
export const QUARTER_RE = /^\d{4}-Q[1-4]$/;

/** `2026-Q4` for `2026-11`. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The months of a quarter, in order. */
export function monthsOfQuarter(quarter: string): string[] {
  const first = `${quarter.slice(0, 4)}-${String((Number(quarter.slice(6)) - 1) * 3 + 1).padStart(2, '0')}`;
  return [first, addMonths(first, 1), addMonths(first, 2)];
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** `2026年11月`. */
export const monthZh = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** §12.4: a month's accepted quantity may reach 1.5 × the plan, not more — compared in whole numbers (2 × delivered ≤ 3 × planned). */
export function withinPlan(delivered: number, planned: number): boolean {
  return 2 * delivered <= 3 * planned;
}
