/**
 * The matched rows of a departmental file (the verification findings) are kept packed, one
 * record per part of the file as it is read (about 256 KB of file, some thousand rows), instead
 * of one `exchange_rows` record each: staging a million-row file then writes some four hundred
 * records, not four hundred thousand rows and their B-tree entries, and the reading threads
 * decide everything a row needs (match, authorisation, name, candidate rule) before the writer
 * sees it (bench/README.md, import, fourth round).
 *
 * `data` is a JSON array of rows `[row, id_number, name, member_id, category, event_date,
 * evidence_key, amount_fen, detail, refused]`, in row order; a part without matched rows is
 * recorded with `[]`, so that the parts present say which rows a resumed import has staged.
 * `exchange_household_rows` (migration 09) still finds a household's findings; a finding of an
 * import staged since this migration is read from the part whose `first_row` is the greatest
 * at or before its row. Rows of persons not in the registry are no longer stored at all: only
 * their list (migration 10) is, which is all the import's page shows of them.
 *
 * A signed authorisation decides whether a row is refused, so a change of `authorised_on` now
 * counts in the registry epoch (migration 07) like a change of number, name or household: the
 * import compares it with the epoch it started from before applying.
 *
 * Imports not yet applied lose what they had staged in the old form (`exchange_rows`,
 * `exchange_unknown_rows`, their rejects and list): the next run stages them again. Applied
 * imports keep their rows in `exchange_rows` and are read from there. Frozen once landed.
 */
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE exchange_row_parts (
    import_id INTEGER NOT NULL REFERENCES exchange_imports(id),
    first_row INTEGER NOT NULL,
    last_row INTEGER NOT NULL,
    n INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (import_id, first_row)
  )`.execute(db);
  await sql`DROP TRIGGER members_epoch_upd`.execute(db);
  await sql`CREATE TRIGGER members_epoch_upd AFTER UPDATE OF id_number, active, name, household_id, authorised_on ON members
    WHEN OLD.id_number IS NOT NEW.id_number OR OLD.active IS NOT NEW.active OR OLD.name IS NOT NEW.name OR OLD.household_id IS NOT NEW.household_id
      OR OLD.authorised_on IS NOT NEW.authorised_on
    BEGIN UPDATE registry_epoch SET n = n + 1; END`.execute(db);
  for (const t of ['exchange_rows', 'exchange_unknown_rows', 'exchange_rejects', 'exchange_unknown_persons']) {
    await sql`DELETE FROM ${sql.table(t)} WHERE import_id IN (SELECT id FROM exchange_imports WHERE status != 'applied')`.execute(db);
  }
  await sql`UPDATE exchange_imports SET staged_rows = 0, status = CASE WHEN status = 'staged' THEN 'staging' ELSE status END WHERE status != 'applied'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE exchange_row_parts`.execute(db);
  await sql`DROP TRIGGER members_epoch_upd`.execute(db);
  await sql`CREATE TRIGGER members_epoch_upd AFTER UPDATE OF id_number, active, name, household_id ON members
    WHEN OLD.id_number IS NOT NEW.id_number OR OLD.active IS NOT NEW.active OR OLD.name IS NOT NEW.name OR OLD.household_id IS NOT NEW.household_id
    BEGIN UPDATE registry_epoch SET n = n + 1; END`.execute(db);
}
