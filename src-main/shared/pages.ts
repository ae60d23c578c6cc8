/**
 * Reads a long result in pages by a unique increasing key (keyset paging) and lets the event
 * loop run between pages. An export of a whole county from one open cursor held the app's
 * only connection for seconds: better-sqlite3 refuses every other statement on a connection
 * while an iterator is open, and the main process answered no other call until it ended.
 */
/**
 * Calls `each` for every row `read` returns, page by page: `read(after, limit)` answers at most
 * `limit` rows whose key is greater than `after`, ordered by that key; `key` reads it from a row.
 *
 * @example
 *   await forEachPaged((after, limit) => all(raw, qb.selectFrom('scans').selectAll().where('id', '>', after).orderBy('id').limit(limit)),
 *     (r) => r.id, (r) => out.push(r));
 */
export async function forEachPaged<T>(
  read: (after: number, limit: number) => T[],
  key: (row: T) => number,
  each: (row: T) => void,
  page = 2000,
): Promise<void> {
  for (let after = -Infinity; ;) {
    const rows = read(after, page);
    for (const r of rows) each(r);
    if (rows.length < page) return;
    after = key(rows[rows.length - 1]);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
