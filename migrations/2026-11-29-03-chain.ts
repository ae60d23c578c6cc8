/**
 * One household (person), one assistance chain: an append-only timeline that every module
 * writes to (determinations, tier changes, reviews, warnings, visits, referrals, department
 * results, payments). Frozen once landed.
 */
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chain_events')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('id_number', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('determination','tier_change','review','warning','visit','referral','department_result','payment','entitlement')`,
        ),
    )
    .addColumn('department', 'text')
    .addColumn('basis', 'text')
    .addColumn('amount_fen', 'integer')
    .addColumn('item', 'text')
    .addColumn('status', 'text')
    .addColumn('ref_table', 'text')
    .addColumn('ref_id', 'integer')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chain_household').on('chain_events').columns(['household_id', 'at', 'id']).execute();
  await db.schema.createIndex('chain_person').on('chain_events').columns(['id_number', 'at']).execute();
  await sql`CREATE TRIGGER chain_events_no_update BEFORE UPDATE ON chain_events BEGIN SELECT RAISE(ABORT, 'chain_events is append-only'); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER chain_events_no_delete BEFORE DELETE ON chain_events BEGIN SELECT RAISE(ABORT, 'chain_events is append-only'); END`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('chain_events').ifExists().execute();
}
