/**
 * Rows of a departmental file whose person is not in the registry (most of a medical or tax
 * file) are kept packed, many rows to a record, instead of one `exchange_rows` record each:
 * nothing queries them by household or member, they only answer "who was in the file but not
 * in the registry" (imports.ts unknownPersons) and the import's counts. Binding a dozen values
 * per row was the largest single cost of a county-sized import (bench/README.md, import).
 *
 * `data` is a JSON array of rows `[row, id_number, name, category, event_date, evidence_key,
 * amount_fen, detail, rule]`. `exchange_rows` keeps the matched rows (the verification
 * findings), a match undone at apply, and every row of a referral-feedback file.
 * Existing unknown rows move into chunks of 1,000.
 *
 * Apply used to join every matched row back to its member to catch a match gone stale (the
 * registry changed while the file was staged) and a name that differs. `registry_epoch` counts
 * the changes to members that can make a match stale; staging records it when it starts
 * (`exchange_imports.staged_epoch`) and flags the rows whose name differs from the registry's
 * (`exchange_rows.name_differs`), so that when the epoch is unchanged apply reads only the rows
 * that can raise something. Frozen once landed.
 */
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE exchange_unknown_rows (
    import_id INTEGER NOT NULL REFERENCES exchange_imports(id),
    first_row INTEGER NOT NULL,
    last_row INTEGER NOT NULL,
    n INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (import_id, first_row)
  ) WITHOUT ROWID`.execute(db);
  await sql`INSERT INTO exchange_unknown_rows (import_id, first_row, last_row, n, data)
    SELECT import_id, MIN(row), MAX(row), COUNT(*), json_group_array(json(x)) FROM (
      SELECT r.import_id, r.row, json_array(r.row, r.id_number, r.name, r.category, r.event_date, r.evidence_key, r.amount_fen, r.detail, r.rule) AS x,
        (ROW_NUMBER() OVER (PARTITION BY r.import_id ORDER BY r.row) - 1) / 1000 AS chunk
      FROM exchange_rows r JOIN exchange_imports i ON i.id = r.import_id
      WHERE r.member_id IS NULL AND i.source != 'referral_feedback' ORDER BY r.import_id, r.row)
    GROUP BY import_id, chunk`.execute(db);
  await sql`CREATE TABLE registry_epoch (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)`.execute(db);
  await sql`INSERT INTO registry_epoch (id, n) VALUES (1, 0)`.execute(db);
  // A new member cannot make a staged match stale (apply never re-matches unknown persons); a
  // change of number, activity, name or household, or a deletion, can.
  await sql`CREATE TRIGGER members_epoch_upd AFTER UPDATE OF id_number, active, name, household_id ON members
    WHEN OLD.id_number IS NOT NEW.id_number OR OLD.active IS NOT NEW.active OR OLD.name IS NOT NEW.name OR OLD.household_id IS NOT NEW.household_id
    BEGIN UPDATE registry_epoch SET n = n + 1; END`.execute(db);
  await sql`CREATE TRIGGER members_epoch_del AFTER DELETE ON members BEGIN UPDATE registry_epoch SET n = n + 1; END`.execute(db);
  await sql`ALTER TABLE exchange_imports ADD COLUMN staged_epoch INTEGER`.execute(db);
  await sql`ALTER TABLE exchange_rows ADD COLUMN name_differs INTEGER`.execute(db);
  await sql`DELETE FROM exchange_rows WHERE member_id IS NULL AND import_id IN (SELECT id FROM exchange_imports WHERE source != 'referral_feedback')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`INSERT INTO exchange_rows (import_id, row, id_number, name, category, event_date, evidence_key, amount_fen, detail, rule)
    SELECT u.import_id, j.value->>0, j.value->>1, j.value->>2, j.value->>3, j.value->>4, j.value->>5, j.value->>6, j.value->>7, j.value->>8
    FROM exchange_unknown_rows u, json_each(u.data) j`.execute(db);
  await sql`DROP TABLE exchange_unknown_rows`.execute(db);
  await sql`DROP TRIGGER members_epoch_upd`.execute(db);
  await sql`DROP TRIGGER members_epoch_del`.execute(db);
  await sql`DROP TABLE registry_epoch`.execute(db);
  await sql`ALTER TABLE exchange_imports DROP COLUMN staged_epoch`.execute(db);
  await sql`ALTER TABLE exchange_rows DROP COLUMN name_differs`.execute(db);
}
