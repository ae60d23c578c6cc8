/** Sums of roster lines: a printed roster's subtotals, a page of the roster with the totals of the whole month. */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { rosterLines, type RosterFilter, type RosterLine } from './roster';

export interface Totals {
  recipients: number;
  persons: number;
  baseFen: number;
  addonFen: number;
  careFen: number;
  exitFen: number;
  adjustFen: number;
  amountFen: number;
}
export function emptyTotals(): Totals {
  return { recipients: 0, persons: 0, baseFen: 0, addonFen: 0, careFen: 0, exitFen: 0, adjustFen: 0, amountFen: 0 };
}
export function addLine(t: Totals, l: RosterLine): void {
  t.recipients++;
  t.persons += l.size;
  t.baseFen += l.baseFen;
  t.addonFen += l.addonFen;
  t.careFen += l.careFen;
  t.exitFen += l.exitFen;
  t.adjustFen += l.adjustFen;
  t.amountFen += l.amountFen;
}

export interface RosterTotals {
  recipients: number;
  persons: number;
  amountFen: number;
}

/** One page of the month's roster, with the totals of all its lines and by tier. */
export function rosterPage(raw: BetterSqlite3.Database, month: string, filter: RosterFilter, page: number, pageSize: number) {
  const { closed, lines } = rosterLines(raw, month, filter);
  const totals: RosterTotals = { recipients: 0, persons: 0, amountFen: 0 };
  const byTier: Record<string, RosterTotals> = {};
  for (const l of lines) {
    for (const t of [totals, (byTier[l.tier] ??= { recipients: 0, persons: 0, amountFen: 0 })]) {
      t.recipients++;
      t.persons += l.size;
      t.amountFen += l.amountFen;
    }
  }
  const from = (page - 1) * pageSize;
  return { month, closed, rows: lines.slice(from, from + pageSize), total: lines.length, totals, byTier };
}
