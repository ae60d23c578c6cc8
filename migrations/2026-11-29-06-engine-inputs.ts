/**
 * A derived copy of each household's engine input (the household's own facts, members with
 * their incomes, assets, expenses, supporters outside) packed as one JSON text, so the proactive scan reads one row
 * per household instead of joining eight tables for the whole county (bench/README.md, engine).
 *
 * It is a cache, never a record: nothing reads it but the scan's stream, and any write to a
 * table it is built from deletes the household's row through the triggers below, whatever
 * code path makes the write. The scan rebuilds missing rows inside a write transaction (so a
 * concurrent edit can never leave a stale copy behind) and, for a row deleted between that
 * rebuild and its read, computes the input from the tables on the fly. Frozen once landed.
 */
import { Kysely, sql } from 'kysely';

/** Tables with a `household_id` column whose rows are part of the engine input. */
const BY_HOUSEHOLD = ['members', 'vehicles', 'homes', 'businesses', 'supporters_outside', 'expenses_12m'];
/** The columns of `households` the packed input holds (registry/stream.ts). */
const HOUSEHOLD_COLUMNS = [
  'status',
  'area_id',
  'residence',
  'housing_condition',
  'housing_tenure',
  'monitoring_flag',
  'financial_assets_fen',
  'large_machinery_or_vessel',
  'recent_purchase',
  'current_tier',
  'current_benefit_fen',
  'gradual_exit_since',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE engine_inputs (household_id integer PRIMARY KEY, input text NOT NULL)`.execute(db);
  const invalidate = (hid: string) => `DELETE FROM engine_inputs WHERE household_id = ${hid};`;
  for (const t of BY_HOUSEHOLD) {
    await sql.raw(`CREATE TRIGGER ${t}_engine_input_ins AFTER INSERT ON ${t} BEGIN ${invalidate('NEW.household_id')} END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${t}_engine_input_del AFTER DELETE ON ${t} BEGIN ${invalidate('OLD.household_id')} END`).execute(db);
    // A row may move to another household: both lose their copy.
    await sql
      .raw(
        `CREATE TRIGGER ${t}_engine_input_upd AFTER UPDATE ON ${t} BEGIN ${invalidate('OLD.household_id')} ${invalidate('NEW.household_id')} END`,
      )
      .execute(db);
  }
  const ofMember = (id: string) => `(SELECT household_id FROM members WHERE id = ${id})`;
  await sql
    .raw(`CREATE TRIGGER income_items_engine_input_ins AFTER INSERT ON income_items BEGIN ${invalidate(ofMember('NEW.member_id'))} END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER income_items_engine_input_del AFTER DELETE ON income_items BEGIN ${invalidate(ofMember('OLD.member_id'))} END`)
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER income_items_engine_input_upd AFTER UPDATE ON income_items BEGIN ${invalidate(ofMember('OLD.member_id'))} ${invalidate(ofMember('NEW.member_id'))} END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER households_engine_input_upd AFTER UPDATE OF ${HOUSEHOLD_COLUMNS.join(', ')} ON households BEGIN ${invalidate('OLD.id')} END`,
    )
    .execute(db);
  await sql.raw(`CREATE TRIGGER households_engine_input_del AFTER DELETE ON households BEGIN ${invalidate('OLD.id')} END`).execute(db);
  // The scan walks the active households by id without reading their rows.
  await sql`CREATE INDEX households_active ON households (id) WHERE status = 'active'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [...BY_HOUSEHOLD, 'income_items'])
    for (const op of ['ins', 'del', 'upd']) await sql.raw(`DROP TRIGGER ${t}_engine_input_${op}`).execute(db);
  for (const op of ['upd', 'del']) await sql.raw(`DROP TRIGGER households_engine_input_${op}`).execute(db);
  await sql`DROP INDEX households_active`.execute(db);
  await sql`DROP TABLE engine_inputs`.execute(db);
}
