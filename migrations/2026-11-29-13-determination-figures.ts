/**
 * The few figures of each determination that the monthly roster needs — its household, date,
 * tier and amount, and from its result the benefit's breakdown, the gradual exit, the unrounded
 * amount and the members present — beside it in a narrow table, filled by a trigger on every
 * new determination (determinations are never changed: a new one supersedes).
 *
 * The roster (payments/roster.ts, and with it the dashboard's figures of the open month and the
 * printed lists) read them out of each determination's result JSON: the tier and amount lie
 * after ~8 KB of input and result JSON, and `json_extract` parsed the result of every household
 * in a tier. On the 200,000-household demo county with its history the dashboard's figures took
 * 2.3–2.5 s, from this table 1.5–1.8 s (the first after opening the file: 7 s against 1.9 s).
 * Existing determinations are filled here (~1 s for 69,000). Frozen once landed.
 */
import { Kysely, sql } from 'kysely';

const FIGURES = `json_extract(result_json, '$.breakdown'), json_extract(result_json, '$.gradualExit'), json_extract(result_json, '$.unroundedFen'), json_extract(result_json, '$.presentMembers')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE determination_figures (
    determination_id INTEGER PRIMARY KEY REFERENCES determinations(id),
    household_id INTEGER NOT NULL,
    reference_date TEXT NOT NULL,
    tier TEXT NOT NULL,
    monthly_benefit_fen INTEGER NOT NULL,
    breakdown TEXT,
    gradual_exit TEXT,
    unrounded_fen REAL,
    present_members INTEGER
  )`.execute(db);
  await sql
    .raw(
      `INSERT INTO determination_figures SELECT id, household_id, reference_date, tier, monthly_benefit_fen, ${FIGURES} FROM determinations ORDER BY id`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER determination_figures_ins AFTER INSERT ON determinations BEGIN
    INSERT INTO determination_figures SELECT NEW.id, NEW.household_id, NEW.reference_date, NEW.tier, NEW.monthly_benefit_fen, ${FIGURES.replaceAll('result_json', 'NEW.result_json')};
  END`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER determination_figures_ins`.execute(db);
  await sql`DROP TABLE determination_figures`.execute(db);
}
