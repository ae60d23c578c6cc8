/**
 * Policy: dated county parameters, determinations (maker-checker, append-only) and
 * proactive scans. Frozen once landed.
 */
import { Kysely, sql } from 'kysely';

async function appendOnly(db: Kysely<any>, table: string) {
  await sql`CREATE TRIGGER ${sql.raw(`${table}_no_update`)} BEFORE UPDATE ON ${sql.table(table)} BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only`)}); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER ${sql.raw(`${table}_no_delete`)} BEFORE DELETE ON ${sql.table(table)} BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only`)}); END`.execute(
    db,
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  // One row per parameter and effective date; a correction is a newer row (higher id) for
  // the same date, never an update.
  await db.schema
    .createTable('parameter_values')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('parameter_id', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('urban_json', 'text', (c) => c.notNull())
    .addColumn('rural_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('parameter_values_param').on('parameter_values').columns(['parameter_id', 'effective_from', 'id']).execute();
  await appendOnly(db, 'parameter_values');

  await db.schema
    .createTable('determinations')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('reference_date', 'text', (c) => c.notNull())
    .addColumn('parameter_set', 'text', (c) => c.notNull())
    .addColumn('parameters_json', 'text', (c) => c.notNull())
    .addColumn('input_json', 'text', (c) => c.notNull())
    .addColumn('result_json', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('monthly_benefit_fen', 'integer', (c) => c.notNull())
    .addColumn('review_class', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('screening','scan','warning')`))
    .addColumn('scan_id', 'integer')
    .addColumn('note', 'text')
    .addColumn('proposed_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('determinations_household').on('determinations').columns(['household_id', 'id']).execute();
  await appendOnly(db, 'determinations');

  await db.schema
    .createTable('determination_decisions')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('determination_id', 'integer', (c) => c.notNull().unique().references('determinations.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('approved','rejected')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('effective_month', 'text')
    .addColumn('decided_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await appendOnly(db, 'determination_decisions');

  await db.schema
    .createTable('scans')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('reference_date', 'text', (c) => c.notNull())
    .addColumn('parameter_set', 'text')
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running','done','cancelled','failed')`))
    .addColumn('households', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('counts_json', 'text')
    .addColumn('error', 'text')
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();

  await db.schema
    .createTable('scan_results')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('scan_id', 'integer', (c) => c.notNull().references('scans.id'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('area_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('newly_eligible','tier_up','tier_down','benefit_changed','no_longer_eligible')`),
    )
    .addColumn('old_tier', 'text')
    .addColumn('new_tier', 'text', (c) => c.notNull())
    .addColumn('old_benefit_fen', 'integer', (c) => c.notNull())
    .addColumn('new_benefit_fen', 'integer', (c) => c.notNull())
    .addColumn('reasons_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scan_results_scan_kind').on('scan_results').columns(['scan_id', 'kind', 'id']).execute();
  await db.schema.createIndex('scan_results_scan_area').on('scan_results').columns(['scan_id', 'area_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['scan_results', 'scans', 'determination_decisions', 'determinations', 'parameter_values'])
    await db.schema.dropTable(t).ifExists().execute();
}
