/**
 * Opens the office database: encrypted with its key (docs/security.md), WAL, foreign keys, busy
 * timeout; runs pending migrations and refuses a database written by a newer version of the app
 * (it has migrations we do not know).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, staticMigrationProvider } from '../../migrations/index';
import type { Database } from './schema';
import { AppError, appError } from '../common/errors';
import { configureConnection, openConnection, wrongKeyError } from './connection';
import { DB_KEY_ENV, defaultKeyKeeper, keyCandidates, newRecoveryKey, type KeyKeeper } from './keys';
import { encryptPlainFile, fileState, removeConversionLeftovers } from './encrypt';

export interface Store {
  db: Kysely<Database>;
  raw: BetterSqlite3.Database;
  file: string;
  /** The key the store was opened with (null: plaintext, benches only); threads get it with their job (db/connection.ts). */
  key: string | null;
  /** Where the key is kept (null: plaintext or in memory). */
  keys: KeyKeeper | null;
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

export interface OpenOptions {
  migrate?: boolean;
  readonly?: boolean;
  /** Where the key is kept (default: SAFETYNET_DB_KEY, else the key file beside the database: db/keys.ts). */
  keys?: KeyKeeper;
  /** A key to try instead of the kept one (the recovery key typed in); kept in `keys` once it opens the store. */
  key?: string;
  /** An unencrypted store: for benchmarks that measure without the cipher, never for the app (docs/security.md). */
  plaintext?: boolean;
  /**
   * Lets a plain database (made before encryption) be encrypted on open, and records it: called on the
   * encrypted copy before it replaces the plain file (security/store.ts appends the audit entry).
   * Without it a plain database is refused, unchanged.
   */
  onEncrypted?: (raw: BetterSqlite3.Database) => void;
}

/** Refuses a database this build must not open or upgrade; nothing is changed. */
function refuseUnknown(raw: BetterSqlite3.Database): void {
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
}

export async function openStore(file: string, opts: OpenOptions = {}): Promise<Store> {
  const memory = file === ':memory:';
  const keys = memory || opts.plaintext ? null : (opts.keys ?? defaultKeyKeeper(file));
  const opened = memory ? { raw: openConnection(file, null), key: null } : openKeyed(path.resolve(file), keys, opts);
  const raw = opened.raw;
  try {
    if (!opts.readonly) configureConnection(raw);
    else raw.pragma('busy_timeout = 5000');
    refuseUnknown(raw);
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
    key: opened.key,
    keys,
    async close() {
      await db.destroy();
    },
  };
}

/**
 * The connection with its key: a new file gets the kept key or a new recovery key (kept before
 * the file is made); a plain file is encrypted first (./encrypt.ts); an encrypted one opens with
 * the given key or the kept one, or is refused with `db_key_required` / `db_key_wrong`.
 */
function openKeyed(file: string, keys: KeyKeeper | null, opts: OpenOptions): { raw: BetterSqlite3.Database; key: string | null } {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  removeConversionLeftovers(file);
  const state = fileState(file);
  if (keys === null) {
    if (state === 'encrypted') throw wrongKeyError();
    return { raw: userOnly(openConnection(file, null, { readonly: opts.readonly }), file), key: null };
  }
  if (state === 'absent') {
    if (opts.readonly) throw appError('db_missing', `There is no database at ${file}.`, `${file} 处没有数据库。`);
    const key = opts.key ?? keys.load() ?? newRecoveryKey();
    // The key is kept before the file exists: a database is never written that no kept key opens.
    if (key !== keys.load()) keys.save(key);
    return { raw: userOnly(openConnection(file, key), file), key };
  }
  if (state === 'plain') {
    const plain = openConnection(file, null, { readonly: true });
    try {
      refuseUnknown(plain);
    } finally {
      plain.close();
    }
    if (!opts.onEncrypted || opts.readonly)
      throw appError(
        'db_not_encrypted',
        'This database is not encrypted; open it with the app or the command line, which encrypt it first. Nothing was changed.',
        '该数据库尚未加密，请用本软件或命令行打开，它们会先将其加密。数据未作任何改动。',
      );
    const key = opts.key ?? keys.load() ?? newRecoveryKey();
    if (key !== keys.load()) keys.save(key);
    encryptPlainFile(file, key, opts.onEncrypted);
    return { raw: userOnly(openConnection(file, key), file), key };
  }
  const kept = keys.load();
  // A typed key (or one in SAFETYNET_DB_KEY, copied from the sheet) is tried as given, then in the recovery key's printed form.
  const typed = opts.key ?? (keys.kind === 'environment' ? kept : null);
  const candidates = typed !== null ? keyCandidates(typed) : kept !== null ? [kept] : [];
  if (candidates.length === 0)
    throw appError(
      'db_key_required',
      `This database is encrypted and its key is not on this computer: enter its recovery key (or set ${DB_KEY_ENV}). Nothing was changed.`,
      `该数据库已加密，本机没有它的密钥：请输入恢复密钥（或设置 ${DB_KEY_ENV}）。数据未作任何改动。`,
      'recoveryKey',
    );
  for (const key of candidates) {
    try {
      const raw = openConnection(file, key, { readonly: opts.readonly, fileMustExist: true });
      if (key !== kept && !opts.readonly) keys.save(key);
      return { raw: userOnly(raw, file), key };
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'db_key_wrong')) throw e;
    }
  }
  throw new AppError(
    opts.key !== undefined ? 'recovery_key_wrong' : 'db_key_wrong',
    opts.key !== undefined
      ? {
          en: 'This recovery key does not open the database: check it against the recovery sheet (groups of six, 0 not O). Nothing was changed.',
          zh: '该恢复密钥无法打开数据库：请对照恢复密钥单核对（每组六位，数字 0 不是字母 O）。数据未作任何改动。',
        }
      : keys.kind === 'environment'
        ? {
            en: `The key in ${DB_KEY_ENV} does not open this database: give its recovery key there. Nothing was changed.`,
            zh: `${DB_KEY_ENV} 中的密钥无法打开该数据库：请在其中填写它的恢复密钥。数据未作任何改动。`,
          }
        : {
            en: `The key kept on this computer (${keys.where}) does not open this database, which was probably copied from another computer: enter its recovery key. Nothing was changed.`,
            zh: `本机保存的密钥（${keys.where}）无法打开该数据库（可能是从其他电脑复制来的）：请输入它的恢复密钥。数据未作任何改动。`,
          },
    'recoveryKey',
  );
}

/** The database file readable and writable by its owner only; its WAL and SHM take the same mode from SQLite. */
function userOnly(raw: BetterSqlite3.Database, file: string): BetterSqlite3.Database {
  if (process.platform !== 'win32' && !raw.readonly && fs.existsSync(file)) fs.chmodSync(file, 0o600);
  return raw;
}

export async function tableNames(db: Kysely<Database>): Promise<string[]> {
  const r = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type='table' ORDER BY name`.execute(db);
  return r.rows.map((x) => x.name);
}
