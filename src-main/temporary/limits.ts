/**
 * The limits of docs/rules/temporary-service-recovery.md §11.4 that concern a household (or a non-local
 * person): never twice for one event, and at most one case per reason code per calendar year —
 * a second one goes through 一事一议, showing the earlier case. A refused case does not count:
 * nothing was paid for it.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { TemporaryReason } from '../common/codes';
import { all, qb } from '../db/query';

export interface Who {
  householdId: number | null;
  /** The non-local person's ID number (a household is matched by its id, whoever of it was assisted). */
  idNumber: string;
}

export interface EarlierCase {
  id: number;
  number: string;
  eventDate: string;
  reason: string;
}

/** Cases of this household (or non-local person) that a decision has not refused. */
function notRefused(raw: BetterSqlite3.Database, who: Who) {
  let q = qb
    .selectFrom('temporary_cases as c')
    .select(['c.id', 'c.number', 'c.event_date as eventDate', 'c.reason', 'c.event_id as eventId'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('temporary_decisions as d').select('d.id').whereRef('d.case_id', '=', 'c.id').where('d.step', '=', 'refuse'),
        ),
      ),
    );
  q =
    who.householdId !== null
      ? q.where('c.household_id', '=', who.householdId)
      : q.where('c.household_id', 'is', null).where('c.id_number', '=', who.idNumber);
  return q;
}

/** The earlier case of the same event, if any. */
export function sameEvent(raw: BetterSqlite3.Database, who: Who, eventId: string): EarlierCase | null {
  return all(raw, notRefused(raw, who).where('c.event_id', '=', eventId).orderBy('c.id').limit(1))[0] ?? null;
}

/** The earlier case of the same reason in the event's calendar year, if any. */
export function sameReasonSameYear(raw: BetterSqlite3.Database, who: Who, reason: TemporaryReason, eventDate: string): EarlierCase | null {
  const year = eventDate.slice(0, 4);
  return (
    all(
      raw,
      notRefused(raw, who)
        .where('c.reason', '=', reason)
        .where('c.event_date', '>=', `${year}-01-01`)
        .where('c.event_date', '<=', `${year}-12-31`)
        .orderBy('c.id')
        .limit(1),
    )[0] ?? null
  );
}
