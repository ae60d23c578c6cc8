/**
 * Departmental data exchange and dynamic monitoring (ASSISTANCE-RULES §4, §6): imported
 * files and their staged rows, saved column mappings, the office's working-day calendar,
 * warnings with their visits, reviews done, and the backup log. Frozen once landed.
 */
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per file ever imported, keyed by its SHA-256: the same file twice adds nothing.
  await db.schema
    .createTable('exchange_imports')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text')
    .addColumn('header_row', 'integer', (c) => c.notNull())
    .addColumn('mapping_json', 'text', (c) => c.notNull())
    .addColumn('file_date', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    // staging → staged (every row read) → applied; a killed worker leaves 'staging' and the next run resumes it.
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('staging','staged','applied','cancelled','failed')`))
    .addColumn('staged_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary_json', 'text')
    .addColumn('error', 'text')
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text')
    .execute();

  // Staged rows, kept after apply as the verification findings of matched persons.
  // WITHOUT ROWID on (import, row): staging appends in key order, and one import reads as a range.
  await sql`CREATE TABLE exchange_rows (
    import_id INTEGER NOT NULL REFERENCES exchange_imports(id),
    row INTEGER NOT NULL,
    id_number TEXT NOT NULL,
    name TEXT,
    member_id INTEGER,
    household_id INTEGER,
    category TEXT NOT NULL,
    event_date TEXT,
    evidence_key TEXT NOT NULL,
    amount_fen INTEGER,
    detail TEXT,
    rule TEXT,
    refused INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (import_id, row)
  ) WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX exchange_rows_household ON exchange_rows (household_id, event_date) WHERE household_id IS NOT NULL`.execute(db);

  await db.schema
    .createTable('exchange_rejects')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('exchange_imports.id'))
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('column', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reason_en', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exchange_rejects_import').on('exchange_rejects').columns(['import_id', 'row']).execute();

  await db.schema
    .createTable('exchange_mappings')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('mapping_json', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('exchange_exports')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('department', 'text')
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('manifest_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // The office calendar (§4.2): holidays and make-up workdays; weekends alone when empty.
  await db.schema
    .createTable('work_calendar')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday','workday')`))
    .addColumn('name', 'text')
    .execute();

  await db.schema
    .createTable('warnings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('urgent','normal')`))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('member_id', 'integer')
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('person_name', 'text')
    .addColumn('area_id', 'integer', (c) => c.notNull())
    .addColumn('evidence_key', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('import_id', 'integer')
    .addColumn('raised_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open','closed')`),
    )
    .addColumn('assignee_id', 'integer')
    .addColumn('assigned_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('close_note', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('determination_id', 'integer')
    .addColumn('referral_id', 'integer')
    .execute();
  // Raised once per (rule, person, evidence key): re-importing never duplicates a warning.
  await db.schema.createIndex('warnings_dedup').unique().on('warnings').columns(['rule', 'id_number', 'evidence_key']).execute();
  await db.schema.createIndex('warnings_queue').on('warnings').columns(['status', 'due_on', 'id']).execute();
  await db.schema.createIndex('warnings_household').on('warnings').columns(['household_id', 'id']).execute();

  await db.schema
    .createTable('warning_visits')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('warning_id', 'integer', (c) => c.notNull().references('warnings.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('verification','home_visit')`))
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('staff_json', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('attachments_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('warning_visits_warning').on('warning_visits').columns(['warning_id', 'id']).execute();

  await db.schema
    .createTable('household_reviews')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('reviewed_on', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('household_reviews_household').on('household_reviews').columns(['household_id', 'reviewed_on']).execute();

  await db.schema
    .createTable('backups')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('app_version', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'backups',
    'household_reviews',
    'warning_visits',
    'warnings',
    'work_calendar',
    'exchange_exports',
    'exchange_mappings',
    'exchange_rejects',
    'exchange_rows',
    'exchange_imports',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
