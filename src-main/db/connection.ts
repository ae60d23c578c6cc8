/**
 * Connections to the store and the pragmas every writing connection uses. Kept apart from
 * open.ts so that worker threads can open theirs without loading Kysely and the migrations
 * (a cost paid at the start of every scan and import thread).
 *
 * Every connection is opened with the store's key (docs/security.md): threads get it from the
 * thread that started them in their workerData or job message, never on a command line or in a log.
 */
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../common/errors';

const keys = new WeakMap<BetterSqlite3.Database, string | null>();

/** The key a connection was opened with (null: a plaintext store, benches only), to hand to a thread. */
export function connectionKey(raw: BetterSqlite3.Database): string | null {
  return keys.get(raw) ?? null;
}

/** SQLite's answer to a wrong key (or to a file that is no database at all). */
export const isWrongKey = (e: unknown): boolean => e instanceof Error && Reflect.get(e, 'code') === 'SQLITE_NOTADB';

export const wrongKeyError = () =>
  new AppError('db_key_wrong', {
    en: 'The database cannot be opened with this key: it is the wrong key, or the file is not a Safetynet database. Nothing was changed.',
    zh: '无法用此密钥打开数据库：密钥不对，或该文件不是 Safetynet 数据库。数据未作任何改动。',
  });

/**
 * Opens a connection with its key (null: plaintext) and reads the schema once, so that a wrong
 * key fails here (`db_key_wrong`) before any statement, and nothing is written.
 */
export function openConnection(
  file: string,
  key: string | null,
  opts: { readonly?: boolean; fileMustExist?: boolean } = {},
): BetterSqlite3.Database {
  const raw = new BetterSqlite3(file, { readonly: opts.readonly ?? false, fileMustExist: opts.fileMustExist ?? false });
  try {
    applyKey(raw, key);
  } catch (e) {
    raw.close();
    throw e;
  }
  return raw;
}

/** Gives an open connection its key and checks it against the file. */
export function applyKey(raw: BetterSqlite3.Database, key: string | null): void {
  if (key !== null) raw.key(Buffer.from(key, 'utf8'));
  try {
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
    // The cipher encrypts the database, its WAL and journals, not SQLite's temporary files (sorts, temporary indexes,
    // statement journals): these stay in memory, or ID numbers would reach the temp folder in clear (docs/security.md).
    raw.pragma('temp_store = MEMORY');
  } catch (e) {
    if (isWrongKey(e)) throw wrongKeyError();
    throw e;
  }
  keys.set(raw, key);
}

export function configureConnection(raw: BetterSqlite3.Database): void {
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');
  // 64 MiB: the members indexes receive ID numbers and names in random order; the 2 MB default thrashes on bulk writes.
  raw.pragma('cache_size = -65536');
}
