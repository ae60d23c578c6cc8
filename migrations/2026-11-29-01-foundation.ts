/**
 * Foundation schema: office, areas, the household registry, accounts, audit log.
 * Frozen once landed: later changes are new dated migrations.
 */
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('office')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('county', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('areas')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('parent_id', 'integer', (c) => c.references('areas.id'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('township','village')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .execute();
  await db.schema.createIndex('areas_parent_name').unique().on('areas').columns(['parent_id', 'name']).execute();
  await db.schema.createIndex('areas_name').on('areas').column('name').execute();

  await db.schema
    .createTable('households')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('external_id', 'text')
    .addColumn('residence', 'text', (c) => c.notNull().check(sql`residence in ('urban','rural')`))
    .addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id'))
    .addColumn('address', 'text')
    .addColumn('housing_condition', 'text', (c) => c.notNull().defaultTo('sound'))
    .addColumn('housing_tenure', 'text', (c) => c.notNull().defaultTo('own'))
    .addColumn('monitoring_flag', 'text')
    .addColumn('financial_assets_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('large_machinery_or_vessel', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recent_purchase', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('current_tier', 'text')
    .addColumn('current_benefit_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('gradual_exit_since', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','closed')`),
    )
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('households_external_id')
    .unique()
    .on('households')
    .column('external_id')
    .where(sql.ref('external_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('households_area').on('households').columns(['area_id', 'id']).execute();
  await db.schema.createIndex('households_tier').on('households').columns(['current_tier', 'id']).execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('disability_kind', 'text')
    .addColumn('disability_grade', 'integer')
    .addColumn('illness', 'text')
    .addColumn('labour', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('schooling', 'text')
    .addColumn('self_care_unmanaged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('support_mode', 'text')
    .addColumn('authorised_on', 'text')
    // 1 while the person belongs to an active household; a person may be active only once.
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('members_active_id_number')
    .unique()
    .on('members')
    .column('id_number')
    .where(sql.ref('active'), '=', 1)
    .execute();
  await db.schema.createIndex('members_id_number').on('members').column('id_number').execute();
  await db.schema.createIndex('members_name').on('members').columns(['name', 'household_id']).execute();
  await db.schema.createIndex('members_household').on('members').columns(['household_id', 'position']).execute();

  await db.schema
    .createTable('income_items')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen >= 0`))
    .execute();
  await db.schema.createIndex('income_items_member').on('income_items').column('member_id').execute();

  await db.schema
    .createTable('vehicles')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('vehicles_household').on('vehicles').column('household_id').execute();
  await db.schema
    .createTable('homes')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id').onDelete('cascade'))
    .addColumn('floor_area', 'real', (c) => c.notNull())
    .addColumn('resettlement', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('homes_household').on('homes').column('household_id').execute();
  await db.schema
    .createTable('businesses')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('operating', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('employees', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('businesses_household').on('businesses').column('household_id').execute();

  await db.schema
    .createTable('expenses_12m')
    .addColumn('household_id', 'integer', (c) => c.primaryKey().references('households.id').onDelete('cascade'))
    .addColumn('medical_out_of_pocket_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('medical_travel_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('education_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rehabilitation_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('accident_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('assistance_received_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('supporters_outside')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('id_number', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('age', 'integer')
    .addColumn('annual_income_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tier', 'text')
    .addColumn('severe_disability', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('present'))
    .execute();
  await db.schema.createIndex('supporters_household').on('supporters_outside').column('household_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('clerk','manager','administrator')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('summary', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id', 'seq']).execute();
  // Append-only: the application never updates or deletes audit rows; the hash chain catches
  // anyone who drops these triggers and edits the file by hand.
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'audit_log',
    'sessions',
    'users',
    'supporters_outside',
    'expenses_12m',
    'businesses',
    'homes',
    'vehicles',
    'income_items',
    'members',
    'households',
    'areas',
    'office',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
