/**
 * The closed loop: referrals to departments and charities (push according to needs, result
 * feedback), charity organisations and programmes, monthly payments (rosters closed by a
 * manager, corrections as next month's adjustments). Frozen once landed.
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
  await db.schema
    .createTable('charity_organisations')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('contact', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('charity_programmes')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('charity_organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('assistance', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('charity_programmes_org').on('charity_programmes').columns(['organisation_id', 'id']).execute();

  // Push lists handed to a department (one file each), and feedback files applied.
  await db.schema
    .createTable('referral_batches')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('push','feedback')`))
    .addColumn('department', 'text')
    .addColumn('organisation_id', 'integer')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await appendOnly(db, 'referral_batches');

  await db.schema
    .createTable('referrals')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('id_number', 'text')
    .addColumn('assistance', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('programme_id', 'integer', (c) => c.references('charity_programmes.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('entitlement','warning','manual')`))
    .addColumn('source_id', 'integer')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('drafted','pushed','acknowledged','completed','declined')`))
    .addColumn('due_date', 'text')
    .addColumn('push_batch_id', 'integer', (c) => c.references('referral_batches.id'))
    .addColumn('escalated_at', 'text')
    .addColumn('result', 'text', (c) => c.check(sql`result in ('assisted','declined','not_eligible')`))
    .addColumn('amount_fen', 'integer')
    .addColumn('item', 'text')
    .addColumn('result_date', 'text')
    .addColumn('result_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('referrals_year_seq').unique().on('referrals').columns(['year', 'seq']).execute();
  await db.schema.createIndex('referrals_dept_status').on('referrals').columns(['department', 'status', 'id']).execute();
  await db.schema.createIndex('referrals_status_due').on('referrals').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('referrals_household').on('referrals').columns(['household_id', 'id']).execute();

  // Every status change of a referral, dated and attributed (append-only).
  await db.schema
    .createTable('referral_events')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referrals.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('batch_id', 'integer')
    .execute();
  await db.schema.createIndex('referral_events_referral').on('referral_events').columns(['referral_id', 'id']).execute();
  await appendOnly(db, 'referral_events');

  // Monthly payments: a month is open until a manager closes it; closing stores its lines.
  await db.schema
    .createTable('payment_months')
    .addColumn('month', 'text', (c) => c.primaryKey())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('total_fen', 'integer', (c) => c.notNull())
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.notNull())
    .execute();
  await appendOnly(db, 'payment_months');

  await db.schema
    .createTable('payment_lines')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('month', 'text', (c) => c.notNull().references('payment_months.month'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('area_id', 'integer', (c) => c.notNull())
    .addColumn('determination_id', 'integer')
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('head_name', 'text', (c) => c.notNull())
    .addColumn('head_id_number', 'text', (c) => c.notNull())
    .addColumn('base_fen', 'integer', (c) => c.notNull())
    .addColumn('addon_fen', 'integer', (c) => c.notNull())
    .addColumn('care_fen', 'integer', (c) => c.notNull())
    .addColumn('exit_fen', 'integer', (c) => c.notNull())
    .addColumn('adjust_fen', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('payment_lines_month_household').unique().on('payment_lines').columns(['month', 'household_id']).execute();
  await db.schema.createIndex('payment_lines_household').on('payment_lines').columns(['household_id', 'month']).execute();
  await appendOnly(db, 'payment_lines');

  // Corrections of a closed month: paid with the next open month (applied_month), never edits.
  await db.schema
    .createTable('payment_adjustments')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('for_month', 'text', (c) => c.notNull())
    .addColumn('applied_month', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_adjustments_applied').on('payment_adjustments').columns(['applied_month', 'household_id']).execute();
  await appendOnly(db, 'payment_adjustments');

  // The roster's hot lookup: the latest approved determination per household.
  await db.schema
    .createIndex('determination_decisions_effective')
    .on('determination_decisions')
    .columns(['decision', 'effective_month', 'determination_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('determination_decisions_effective').ifExists().execute();
  for (const t of [
    'payment_adjustments',
    'payment_lines',
    'payment_months',
    'referral_events',
    'referrals',
    'referral_batches',
    'charity_programmes',
    'charity_organisations',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
