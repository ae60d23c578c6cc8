/**
 * The pragmas every writing connection uses. Kept apart from open.ts so that worker threads
 * can configure their connections without loading Kysely and the migrations (a cost paid
 * at the start of every scan and import thread).
 */
import type BetterSqlite3 from 'better-sqlite3';

export function configureConnection(raw: BetterSqlite3.Database): void {
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');
  // 64 MiB: the members indexes receive ID numbers and names in random order; the 2 MB default thrashes on bulk writes.
  raw.pragma('cache_size = -65536');
}
