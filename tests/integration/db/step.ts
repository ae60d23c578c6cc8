/**
 * A migration's test, as docs/architecture.md asks of each one after the baseline: a new database
 * migrated to the migration before `name`, seeded by the test, migrated to `name`, asserted on.
 *
 * @example
 *   const step = await migrationStep('0002-…');
 *   step.raw.prepare(`INSERT INTO … `).run(); // the data as the schema before held it
 *   await step.migrate();
 *   expect(step.raw.prepare(`SELECT …`).all()).toEqual(…);
 *   await step.close();
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { MIGRATIONS } from '../../../migrations/index';
import { MIGRATION_TABLE } from '../../../src-main/db/open';
import type { Database } from '../../../src-main/db/schema';
import { tempDir } from '../../fixtures/builders';

export interface MigrationStep {
  raw: BetterSqlite3.Database;
  /** The migration the database was brought to before `name`, or null for the first (an empty file). */
  before: string | null;
  /** Runs `name` (and nothing after it). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export async function migrationStep(name: string, file = path.join(tempDir(), 'step.db')): Promise<MigrationStep> {
  const names = Object.keys(MIGRATIONS).sort();
  if (!names.includes(name)) throw new Error(`there is no migration ${name}`);
  const raw = new BetterSqlite3(file);
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  const upTo = async (last: string) => {
    const provider = { getMigrations: async () => Object.fromEntries(names.filter((n) => n <= last).map((n) => [n, MIGRATIONS[n]])) };
    const { error } = await new Migrator({ db, provider, migrationTableName: MIGRATION_TABLE }).migrateToLatest();
    if (error) throw error;
  };
  const before = names.filter((n) => n < name).at(-1) ?? null;
  if (before !== null) await upTo(before);
  return { raw, before, migrate: () => upTo(name), close: () => db.destroy() };
}
