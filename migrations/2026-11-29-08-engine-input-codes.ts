/**
 * The packed engine inputs now carry text values as codes (registry/stream.ts, `CODES`): the
 * copies packed in the old layout are dropped, and each scan thread packs its range again
 * before its first scan. `engine_inputs` is a cache, never a record, so nothing is lost; its
 * triggers stay as migration 06 made them. Frozen once landed.
 */
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM engine_inputs`.execute(db);
}

/** The older code cannot read coded copies either. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM engine_inputs`.execute(db);
}
