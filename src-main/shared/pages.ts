/**
 * Reads a long result in pages by a unique increasing key (keyset paging) and lets the event
 * loop run between pages. An export of a whole county from one open cursor held the app's
 * only connection for seconds: better-sqlite3 refuses every other statement on a connection
 * while an iterator is open, and the main process answered no other call until it ended.
 */
import type BetterSqlite3 from 'better-sqlite3';

/**
 * Calls `each` for every row of `stmt`, a query whose last two parameters are the key to start
 * after and the page size, ordered by that key; `key` reads it from a row.
 */
export async function forEachPaged<T>(
  stmt: BetterSqlite3.Statement,
  args: unknown[],
  key: (row: T) => number,
  each: (row: T) => void,
  page = 2000,
): Promise<void> {
  for (let after = -Infinity; ;) {
    const rows = stmt.all(...args, after, page) as T[];
    for (const r of rows) each(r);
    if (rows.length < page) return;
    after = key(rows[rows.length - 1]);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
