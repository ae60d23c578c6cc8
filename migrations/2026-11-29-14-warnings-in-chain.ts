/**
 * A warning's raising is in the assistance chain through the warnings table itself, not through a
 * chain event of its own (chain/events.ts listChain reads both). Each raised warning had written a
 * chain row and an entry in both chain indexes, by household and by person; a county's monthly
 * file raises tens of thousands, spread over nearly every leaf of those indexes: on the
 * 200,000-household demo county that was ~10,000 of the ~19,000 pages the import's commit writes,
 * and 0.5 s of its 3.5 s (bench/README.md import). The warnings table has the household index
 * already, and its deduplication index finds a person's (rule, ID number).
 *
 * What the chain event held beside the warning's own columns is kept with it: the department and
 * who raised it. Those columns, and the rest of what was raised, are never changed afterwards
 * (a trigger), as the chain's own rows are not: assigning and closing change only their columns,
 * and closing still appends a chain event. Warnings raised before this migration keep their
 * chain events; `raised_by` is null on them, so that the chain does not list them twice. Frozen
 * once landed.
 */
import { Kysely, sql } from 'kysely';

const RAISED = [
  'rule',
  'severity',
  'household_id',
  'member_id',
  'id_number',
  'person_name',
  'area_id',
  'evidence_key',
  'evidence',
  'source',
  'import_id',
  'raised_on',
  'due_on',
  'department',
  'raised_by',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE warnings ADD COLUMN department TEXT`.execute(db);
  await sql`ALTER TABLE warnings ADD COLUMN raised_by TEXT`.execute(db);
  await sql
    .raw(
      `CREATE TRIGGER warnings_raised_fixed BEFORE UPDATE OF ${RAISED.join(', ')} ON warnings BEGIN SELECT RAISE(ABORT, 'a warning as raised is append-only'); END`,
    )
    .execute(db);
  await sql`CREATE TRIGGER warnings_no_delete BEFORE DELETE ON warnings BEGIN SELECT RAISE(ABORT, 'warnings are append-only'); END`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER warnings_no_delete`.execute(db);
  await sql`DROP TRIGGER warnings_raised_fixed`.execute(db);
  await sql`ALTER TABLE warnings DROP COLUMN raised_by`.execute(db);
  await sql`ALTER TABLE warnings DROP COLUMN department`.execute(db);
}
