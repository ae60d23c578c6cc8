/**
 * The distinct unknown persons of an import (in the registry's words: in the file, not in the
 * registry), listed on the import's page, are written once when the file is staged, a thousand
 * to a record in the order of their first row: [ID number, name on that row, first row, rows].
 * Grouping them out of the packed rows (migration 07) for every page took 1.2 s a page for a
 * million-row medical file. Imports staged before this migration, staged in more than one run,
 * or with a match undone at apply have no list and are grouped as before. Frozen once landed.
 */
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE exchange_unknown_persons (
    import_id INTEGER NOT NULL REFERENCES exchange_imports(id),
    chunk INTEGER NOT NULL,
    n INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (import_id, chunk)
  ) WITHOUT ROWID`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE exchange_unknown_persons`.execute(db);
}
