/**
 * Opens the office database: WAL, foreign keys, busy timeout; runs pending migrations and
 * refuses a database written by a newer version of the app (it has migrations we do not know).
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, staticMigrationProvider } from '../../migrations/index';
import type { Database } from './schema';
import { AppError } from '../common/errors';
import { configureConnection } from './connection';

export interface Store {
  db: Kysely<Database>;
  raw: BetterSqlite3.Database;
  file: string;
  close(): Promise<void>;
}

export const MIGRATION_TABLE = 'kysely_migration';

export { configureConnection };

/**
 * The step-by-step migrations of the development builds before the baseline (`2026-11-29-01-foundation` …): a file
 * they made is not upgraded, it is made again (README, "Upgrading from a development build").
 */
const BEFORE_BASELINE = /^\d{4}-\d{2}-\d{2}-\d{2}-/;
/** Whether the unknown migrations of a file (`unknownMigrations`) are those of a build before the baseline, not of a newer app. */
export const madeBeforeBaseline = (unknown: string[]): boolean => unknown.length > 0 && unknown.every((n) => BEFORE_BASELINE.test(n));

/** Names of migrations recorded in the file that this build does not ship. */
export function unknownMigrations(raw: BetterSqlite3.Database): string[] {
  const t = raw.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name=?`).get(MIGRATION_TABLE);
  if (!t) return [];
  const names = (raw.prepare(`SELECT name FROM ${MIGRATION_TABLE}`).all() as { name: string }[]).map((r) => r.name);
  return names.filter((n) => !(n in MIGRATIONS));
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: staticMigrationProvider, migrationTableName: MIGRATION_TABLE });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new AppError('migration_failed', {
      en: `The database could not be upgraded${failed ? ` (step ${failed.migrationName})` : ''}: ${(error as Error).message}`,
      zh: `数据库升级失败${failed ? `（步骤 ${failed.migrationName}）` : ''}：${(error as Error).message}`,
    });
  }
}

export async function openStore(file: string, opts: { migrate?: boolean; readonly?: boolean } = {}): Promise<Store> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const raw = new BetterSqlite3(file, { readonly: opts.readonly ?? false });
  try {
    if (!opts.readonly) configureConnection(raw);
    else raw.pragma('busy_timeout = 5000');
    const newer = unknownMigrations(raw);
    if (madeBeforeBaseline(newer)) {
      throw new AppError('db_before_baseline', {
        en:
          `This database was made by a development build of Safetynet from before its first release (it has ${newer[0]}): ` +
          'this version cannot open or upgrade it, and nothing was changed. Move the file aside and start again (a new office, or `safetynet demo`).',
        zh:
          `该数据库由 Safetynet 正式发布前的开发版本创建（含 ${newer[0]}），本版本无法打开或升级，数据未作任何改动。` +
          '请将该文件移到别处后重新开始（新建单位，或运行 `safetynet demo`）。',
      });
    }
    if (newer.length > 0) {
      throw new AppError('db_newer_than_app', {
        en: `This database was written by a newer version of Safetynet (it has ${newer.join(', ')}). Install the newer version to open it; nothing was changed.`,
        zh: `该数据库由更新版本的 Safetynet 写入（含 ${newer.join('、')}），请安装新版本后再打开；数据未作任何改动。`,
      });
    }
  } catch (e) {
    raw.close();
    throw e;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  if (opts.migrate !== false && !opts.readonly) {
    await migrateToLatest(db);
    // The shipped county parameters are seeded by whoever opens the store for work (the service, the CLI, the demo), not here:
    // the store does not call into a domain (policy/parameter-store.ts ensureDefaultParameters; tests/unit/architecture/folders.test.ts).
  }
  return {
    db,
    raw,
    file,
    async close() {
      await db.destroy();
    },
  };
}

export async function tableNames(db: Kysely<Database>): Promise<string[]> {
  const r = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type='table' ORDER BY name`.execute(db);
  return r.rows.map((x) => x.name);
}
