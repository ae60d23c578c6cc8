/**
 * The verification findings of a household (`exchange_rows` of applied imports, read by
 * household in monitoring/verification.ts) are found through `exchange_household_rows`, written
 * once per import at apply in household order, instead of an index on `exchange_rows` kept row
 * by row while the file is staged.
 *
 * A departmental file lists persons in no order the registry knows, so each staged row landed
 * on a random page of that index, and every commit rewrote most of its pages, more of them
 * with every import applied. Written sorted, once, the entries of one import cost a walk along
 * the key: a million-row medical file takes an eighth less CPU, first or second into the same
 * database (bench/README.md, import). Only applied imports have entries: their findings are the
 * only ones anybody reads by household. Frozen once landed.
 */
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE exchange_household_rows (
    household_id INTEGER NOT NULL,
    import_id INTEGER NOT NULL,
    row INTEGER NOT NULL,
    PRIMARY KEY (household_id, import_id, row)
  ) WITHOUT ROWID`.execute(db);
  await sql`INSERT INTO exchange_household_rows (household_id, import_id, row)
    SELECT r.household_id, r.import_id, r.row FROM exchange_rows r JOIN exchange_imports i ON i.id = r.import_id AND i.status = 'applied'
    WHERE r.household_id IS NOT NULL ORDER BY 1, 2, 3`.execute(db);
  await sql`DROP INDEX exchange_rows_household`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX exchange_rows_household ON exchange_rows (household_id, event_date) WHERE household_id IS NOT NULL`.execute(db);
  await sql`DROP TABLE exchange_household_rows`.execute(db);
}
