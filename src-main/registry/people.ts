/**
 * How stored reasons name the people they are about: by relation and name (`户主 赵志刚`),
 * read from the registry for the households of one page of results (docs/rules/assistance.md
 * §8: ID numbers are not shown where a name will do).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { all, qb } from '../db/query';
import type { People } from '../policy/render';

/** Household id → its members by ID number; a member who left is named too (older reasons may be about them). */
export function peopleOfHouseholds(raw: BetterSqlite3.Database, householdIds: readonly number[]): Map<number, People> {
  const out = new Map<number, Map<string, { name: string; relation: string }>>();
  const ids = [...new Set(householdIds)];
  if (ids.length === 0) return out;
  const rows = all(
    raw,
    qb
      .selectFrom('members')
      .select(['household_id', 'id_number', 'name', 'relation'])
      .where('household_id', 'in', ids)
      // The current members last, so that they win over an earlier row of the same person.
      .orderBy('active')
      .orderBy('id'),
  );
  for (const r of rows) {
    let m = out.get(r.household_id);
    if (!m) out.set(r.household_id, (m = new Map()));
    m.set(r.id_number, { name: r.name, relation: r.relation });
  }
  return out;
}
