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

/** Counting stops here: past it the screen says "more than 10,000" (a count of a two-digit ID prefix walks the index). */
export const COUNT_CAP = 10_000;
const CAP = `LIMIT ${COUNT_CAP + 1}`;
export const COUNT_SQL = {
  byId: `SELECT COUNT(*) AS n FROM (SELECT 1 FROM members m WHERE m.active = 1 AND m.id_number >= ? AND m.id_number < ? ${CAP})`,
  byName: `SELECT COUNT(*) AS n FROM (SELECT 1 FROM members m WHERE m.active = 1 AND m.name >= ? AND m.name < ? ${CAP})`,
  // Heads of the matching villages whose own name did not match already.
  byVillage: `SELECT COUNT(*) AS n FROM (SELECT 1 FROM members m JOIN households h ON h.id = m.household_id WHERE m.active = 1 AND m.relation = 'head'
    AND h.area_id IN (SELECT id FROM areas WHERE level = 'village' AND name >= ? AND name < ?) AND NOT (m.name >= ? AND m.name < ?) ${CAP})`,
};

// The statements' rows: relation and status hold the codes the household schema accepted on the way in.
type Search = BetterSqlite3.Statement<[string, string, number], SearchHit>;

export class RegistrySearch {
  private byId: Search;
  private byName: Search;
  private byVillage: Search;
  private counts: { [K in keyof typeof COUNT_SQL]: BetterSqlite3.Statement<string[], { n: number }> };
  constructor(raw: BetterSqlite3.Database) {
    // hot path: bench/registry.ts search — prepared once, run on every keystroke.
    this.byId = raw.prepare(SEARCH_SQL.byId);
    this.byName = raw.prepare(SEARCH_SQL.byName);
    this.byVillage = raw.prepare(SEARCH_SQL.byVillage);
    this.counts = { byId: raw.prepare(COUNT_SQL.byId), byName: raw.prepare(COUNT_SQL.byName), byVillage: raw.prepare(COUNT_SQL.byVillage) };
  }

  /** How many people the query finds in all (issue 21: a search never stops at its limit silently), capped at COUNT_CAP + 1. */
  count(query: string): number {
    const q = query.trim().replace(/x$/, 'X');
    if (!q) return 0;
    if (/^\d{2,17}[\dX]?$/.test(q)) return this.counts.byId.get(q, q + HIGH)?.n ?? 0;
    const n = (this.counts.byName.get(q, q + HIGH)?.n ?? 0) + (this.counts.byVillage.get(q, q + HIGH, q, q + HIGH)?.n ?? 0);
    return Math.min(n, COUNT_CAP + 1);
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
