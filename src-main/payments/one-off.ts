/**
 * One-off payments (temporary assistance, docs/rules/temporary-service-recovery.md §11.5) belong to the
 * payments ledger of the month they are paid, beside — not on — the monthly roster of recurring
 * benefits. Closing a month locks them as it locks the roster: nothing is paid into a closed month
 * (the database refuses it too, migration 0002).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appError } from '../common/errors';
import { first, qb } from '../db/query';
import { lastClosedMonth } from './roster';

/** Refuses a payment dated in a closed month (months close in order, so any month up to the last closed one). */
export function assertMonthOpen(raw: BetterSqlite3.Database, month: string, field = 'paidOn'): void {
  const last = lastClosedMonth(raw);
  if (last !== null && month <= last)
    throw appError(
      'month_closed',
      `${month} is closed (the last closed month is ${last}): a payment is dated in an open month.`,
      `${month} 已结账（最后结账月份 ${last}），发放日期须在未结账月份。`,
      field,
    );
}

/** The month's one-off payments: how many, their total in fen, and whether closing the month has locked them. */
export function oneOffMonth(
  raw: BetterSqlite3.Database,
  month: string,
): { month: string; payments: number; totalFen: number; closed: boolean } {
  const r = first(
    raw,
    qb
      .selectFrom('temporary_payments')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number | null>('amount_fen').as('s')])
      .where('month', '=', month),
  );
  const last = lastClosedMonth(raw);
  return { month, payments: r?.n ?? 0, totalFen: r?.s ?? 0, closed: last !== null && month <= last };
}
