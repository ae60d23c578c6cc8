/**
 * Every active household of the county, in id order, without loading the county into memory:
 * one ordered cursor per table, merge-joined on household id (better-sqlite3 keeps several
 * read cursors open on one connection). The proactive scan reads 200,000 households this way
 * instead of issuing eight queries per household.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { HOUSEHOLD_SELECT, householdFromRows, type HouseholdRowDb, type HouseholdRows } from './households';
import type { HouseholdData } from './household-file';

export interface StreamedHousehold {
  id: number;
  areaId: number;
  data: HouseholdData;
}

/** Takes the rows of one household from an ordered cursor, keeping the first row of the next. */
class Cursor<T extends { household_id: number }> {
  private it: IterableIterator<T>;
  private head: T | undefined;
  constructor(stmt: BetterSqlite3.Statement, args: unknown[]) {
    this.it = stmt.iterate(...args) as IterableIterator<T>;
    this.head = this.it.next().value;
  }
  take(householdId: number): T[] {
    const out: T[] = [];
    while (this.head && this.head.household_id < householdId) this.head = this.it.next().value;
    while (this.head && this.head.household_id === householdId) {
      out.push(this.head);
      this.head = this.it.next().value;
    }
    return out;
  }
  close() {
    this.it.return?.();
  }
}

export function* streamHouseholds(raw: BetterSqlite3.Database, range: { fromId?: number; toId?: number } = {}): Generator<StreamedHousehold> {
  const lo = range.fromId ?? 0, hi = range.toId ?? Number.MAX_SAFE_INTEGER;
  const between = (col: string) => `${col} >= ? AND ${col} <= ?`;
  const households = raw.prepare(`${HOUSEHOLD_SELECT} WHERE h.status = 'active' AND ${between('h.id')} ORDER BY h.id`).iterate(lo, hi) as IterableIterator<HouseholdRowDb>;
  const members = new Cursor<any>(raw.prepare(`SELECT * FROM members WHERE active = 1 AND ${between('household_id')} ORDER BY household_id, position`), [lo, hi]);
  const incomes = new Cursor<any>(
    raw.prepare(`SELECT m.household_id, i.member_id, i.type, i.amount_fen FROM members m JOIN income_items i ON i.member_id = m.id WHERE m.active = 1 AND ${between('m.household_id')} ORDER BY m.household_id, m.position, i.id`),
    [lo, hi],
  );
  const vehicles = new Cursor<any>(raw.prepare(`SELECT household_id, kind FROM vehicles WHERE ${between('household_id')} ORDER BY household_id, id`), [lo, hi]);
  const homes = new Cursor<any>(raw.prepare(`SELECT household_id, floor_area, resettlement FROM homes WHERE ${between('household_id')} ORDER BY household_id, id`), [lo, hi]);
  const businesses = new Cursor<any>(raw.prepare(`SELECT household_id, role, operating, employees FROM businesses WHERE ${between('household_id')} ORDER BY household_id, id`), [lo, hi]);
  const supporters = new Cursor<any>(raw.prepare(`SELECT * FROM supporters_outside WHERE ${between('household_id')} ORDER BY household_id, position`), [lo, hi]);
  const expenses = new Cursor<any>(raw.prepare(`SELECT * FROM expenses_12m WHERE ${between('household_id')} ORDER BY household_id`), [lo, hi]);
  const cursors = [members, incomes, vehicles, homes, businesses, supporters, expenses];
  try {
    for (const h of households) {
      const rows: HouseholdRows = {
        h,
        members: members.take(h.id),
        incomes: incomes.take(h.id),
        vehicles: vehicles.take(h.id),
        homes: homes.take(h.id),
        businesses: businesses.take(h.id),
        supporters: supporters.take(h.id),
        exp: expenses.take(h.id)[0],
      };
      yield { id: h.id, areaId: h.area_id, data: householdFromRows(rows) };
    }
  } finally {
    for (const c of cursors) c.close();
  }
}
