/**
 * Find any person in the county while the user types: by ID number prefix, name prefix or
 * village name. Prefix matches are index range scans (`x >= q AND x < q || U+10FFFF`), which
 * SQLite answers from the index, unlike LIKE on a non-NOCASE column.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Output } from '../contract';

/** A person found, as the contract answers it (registry.search). */
export type SearchHit = Output<'registry.search'>['hits'][number];

const HIGH = '\u{10FFFF}';
const SELECT = `SELECT m.id AS memberId, m.household_id AS householdId, m.id_number AS idNumber, m.name, m.relation, m.status,
  t.name AS township, v.name AS village,
  COALESCE((SELECT hm.name FROM members hm WHERE hm.household_id = m.household_id AND hm.relation = 'head' AND hm.active = 1), '') AS headName
  FROM members m JOIN households h ON h.id = m.household_id JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id`;

export const SEARCH_SQL = {
  byId: `${SELECT} WHERE m.active = 1 AND m.id_number >= ? AND m.id_number < ? ORDER BY m.id_number LIMIT ?`,
  byName: `${SELECT} WHERE m.active = 1 AND m.name >= ? AND m.name < ? ORDER BY m.name, m.household_id LIMIT ?`,
  byVillage: `${SELECT} WHERE m.active = 1 AND m.relation = 'head' AND h.area_id IN (SELECT id FROM areas WHERE level = 'village' AND name >= ? AND name < ?) ORDER BY h.id LIMIT ?`,
};

// The statements' rows: relation and status hold the codes the household schema accepted on the way in.
type Search = BetterSqlite3.Statement<[string, string, number], SearchHit>;

export class RegistrySearch {
  private byId: Search;
  private byName: Search;
  private byVillage: Search;
  constructor(raw: BetterSqlite3.Database) {
    // hot path: bench/registry.ts search — prepared once, run on every keystroke.
    this.byId = raw.prepare(SEARCH_SQL.byId);
    this.byName = raw.prepare(SEARCH_SQL.byName);
    this.byVillage = raw.prepare(SEARCH_SQL.byVillage);
  }

  search(query: string, limit = 20): SearchHit[] {
    const q = query.trim().replace(/x$/, 'X');
    if (!q) return [];
    if (/^\d{2,17}[\dX]?$/.test(q)) return this.byId.all(q, q + HIGH, limit);
    const hits = this.byName.all(q, q + HIGH, limit);
    if (hits.length < limit) {
      const seen = new Set(hits.map((h) => h.memberId));
      for (const h of this.byVillage.all(q, q + HIGH, limit - hits.length)) if (!seen.has(h.memberId)) hits.push(h);
    }
    return hits;
  }
}
