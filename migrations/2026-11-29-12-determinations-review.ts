/**
 * A household's latest determinations by household, with their review class and tier, from an
 * index alone. The review schedule (monitoring/reviews.ts, on the Monitoring page and the
 * dashboard's counts) reads the review class of every tier household's last approved
 * determination, and an import's tier check (exchange/apply.ts) the tier of a household's
 * determinations: both columns lie after the determination's input and result JSON (~8 KB a row),
 * so each read walked that row's overflow pages — 0.6 s of the schedule's 1.2–1.8 s on the
 * 200,000-household demo county (bench/README.md). Frozen once landed.
 */
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX determinations_review ON determinations (household_id, id, review_class, tier)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX determinations_review`.execute(db);
}
