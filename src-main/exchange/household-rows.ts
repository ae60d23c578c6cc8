/**
 * The household index of an import's findings (`exchange_household_rows`): the household's
 * verification report finds its rows of every applied file through it. Written once per
 * import, in key order — a department file lists persons in no order the registry knows, and
 * entries written row by row would land on random pages of the index.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { HOUSEHOLD_ROWS_PER_INSERT as GROUP } from './tuning';

/** (household, row) pairs `from` to `to`, sorted by household then row, inserted HOUSEHOLD_ROWS_PER_INSERT at a time. */
export function writeHouseholdRows(raw: BetterSqlite3.Database, importId: number, all: Int32Array, to: number, from = 0): void {
  const pairs = all.subarray(2 * from, 2 * to),
    n = to - from;
  const sql = (k: number) =>
    `INSERT OR IGNORE INTO exchange_household_rows (household_id, import_id, row) VALUES ${Array(k).fill('(?, ?, ?)').join(', ')}`;
  // hot path: bench/import.ts apply (a county file's 400,000 matched rows)
  const group = raw.prepare(sql(GROUP)),
    one = raw.prepare(sql(1));
  const sorted = sortedPairs(pairs, n);
  const args: number[] = [];
  let i = 0;
  for (; i + GROUP <= n; i += GROUP) {
    args.length = 0;
    for (let k = 2 * i; k < 2 * (i + GROUP); k += 2) args.push(sorted[k], importId, sorted[k + 1]);
    group.run(args);
  }
  for (; i < n; i++) one.run(sorted[2 * i], importId, sorted[2 * i + 1]);
}

/**
 * The first `n` (household, row) pairs, sorted by household, then row. Counted into place by household id (a county's ids are
 * dense, and counting is faster than sorting numbers), each household's few rows then put in order; ids spread far apart are
 * sorted as numbers.
 */
export function sortedPairs(pairs: Int32Array, n: number): Int32Array {
  const out = new Int32Array(2 * n);
  let max = 0;
  for (let i = 0; i < n; i++) if (pairs[2 * i] > max) max = pairs[2 * i];
  if (max > 4 * n + 1_000_000) {
    // One number per pair: household × 2^28 + row stays exact in a double for any household id below 2^25.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = pairs[2 * i] * 2 ** 28 + pairs[2 * i + 1];
    keys.sort();
    for (let i = 0; i < n; i++) {
      const h = Math.floor(keys[i] / 2 ** 28);
      out[2 * i] = h;
      out[2 * i + 1] = keys[i] - h * 2 ** 28;
    }
    return out;
  }
  const at = new Int32Array(max + 2);
  for (let i = 0; i < n; i++) at[pairs[2 * i] + 1]++;
  for (let h = 0; h <= max; h++) at[h + 1] += at[h];
  const start = at.slice();
  for (let i = 0; i < n; i++) {
    const h = pairs[2 * i],
      k = at[h]++;
    out[2 * k] = h;
    out[2 * k + 1] = pairs[2 * i + 1];
  }
  // Each household's rows in order: they come mostly in order already (each reader's in row order).
  for (let h = 0; h <= max; h++) {
    const from = start[h],
      to = start[h + 1];
    if (to - from < 2) continue;
    if (to - from > 64) {
      const rows = new Int32Array(to - from);
      for (let k = from; k < to; k++) rows[k - from] = out[2 * k + 1];
      rows.sort();
      for (let k = from; k < to; k++) out[2 * k + 1] = rows[k - from];
      continue;
    }
    for (let k = from + 1; k < to; k++) {
      const row = out[2 * k + 1];
      let j = k;
      while (j > from && out[2 * (j - 1) + 1] > row) {
        out[2 * j + 1] = out[2 * (j - 1) + 1];
        j--;
      }
      out[2 * j + 1] = row;
    }
  }
  return out;
}
