import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { emptyDatabase } from '../../fixtures/builders';
import { SEARCH_SQL } from '../../../src-main/registry/search';
import { TIER_ON_FILE_DATE_SQL } from '../../../src-main/monitoring/department-rules';
import { FINDINGS_SQL, PART_OF_ROW_SQL } from '../../../src-main/verification/report';
import { LAST_APPROVED_SQL } from '../../../src-main/monitoring/reviews';

function plan(raw: BetterSqlite3.Database, sql: string, params: unknown[]) {
  return (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
}

describe('hot queries use their indexes', () => {
  it('search by ID number prefix uses the active ID index', async () => {
    const { store } = await emptyDatabase();
    const p = plan(store.raw, SEARCH_SQL.byId, ['1301', '1301\u{10FFFF}', 20]);
    expect(p).toMatch(/SEARCH m USING INDEX members_active_id_number \(id_number>\? AND id_number<\?\)/);
  });
  it('search by name prefix uses the name index', async () => {
    const { store } = await emptyDatabase();
    expect(plan(store.raw, SEARCH_SQL.byName, ['王', '王\u{10FFFF}', 20])).toMatch(
      /SEARCH m USING (COVERING )?INDEX members_name \(name>\? AND name<\?\)/,
    );
  });
  it('search by village uses the area name index', async () => {
    const { store } = await emptyDatabase();
    expect(plan(store.raw, SEARCH_SQL.byVillage, ['柳', '柳\u{10FFFF}', 20])).toMatch(/areas_name/);
  });
  it('a household page loads members by household', async () => {
    const { store } = await emptyDatabase();
    expect(plan(store.raw, 'SELECT * FROM members WHERE household_id = ? AND active = 1 ORDER BY position', [1])).toMatch(
      /members_household/,
    );
  });
  it("an import's tier check reads one household's determinations, not every decision of the county", async () => {
    const { store } = await emptyDatabase();
    const p = plan(store.raw, TIER_ON_FILE_DATE_SQL, [1, '2026-11']);
    // Its tier read from the index (migration 12), not from the row behind its JSON.
    expect(p).toMatch(/SEARCH d USING COVERING INDEX determinations_review \(household_id=\?\)/);
    expect(p.split('\n')[0]).toMatch(/ d /);
  });
  it("the review schedule reads each household's last approved review class from an index", async () => {
    const { store } = await emptyDatabase();
    const p = plan(store.raw, `SELECT (${LAST_APPROVED_SQL}) FROM households h`, []);
    expect(p).toMatch(/SEARCH d USING COVERING INDEX determinations_review \(household_id=\?\)/);
    expect(p).toMatch(/SEARCH dd USING INDEX sqlite_autoindex_determination_decisions_1 \(determination_id=\?\)/);
  });
  it("a household's verification report finds its findings by household, then the part of the file that holds each row", async () => {
    const { store } = await emptyDatabase();
    const p = plan(store.raw, FINDINGS_SQL, [1]);
    expect(p).toMatch(/SEARCH x USING PRIMARY KEY \(household_id=\?\)/);
    expect(p).toMatch(/SEARCH i USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    const part = plan(store.raw, PART_OF_ROW_SQL, [1, 100]);
    expect(part).toMatch(/SEARCH exchange_row_parts USING INDEX sqlite_autoindex_exchange_row_parts_1 \(import_id=\? AND first_row<\?\)/);
    expect(part).not.toMatch(/TEMP B-TREE/);
  });
});
