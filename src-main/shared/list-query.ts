/**
 * What every paged list shares in SQL (src-main/contract/lists.ts gives its input): the sort over all its pages by a whitelisted
 * column with the row's id as the tie-break (so no row shows on two pages or on none), the page, and the whole list in the same
 * order for its export, a page at a time with the app's other calls answered in between (./pages.ts says why).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { sql, type Compilable, type Expression, type RawBuilder } from 'kysely';
import { all, first } from '../db/query';
import { zhSortKey } from './zh-sort';

export type SortDir = 'asc' | 'desc';
export interface ListSort<K extends string = string> {
  key: K;
  dir: SortDir;
}

/** What a list's column sorts by: SQL expressions over the list's query (a column showing two things: both), from a whitelist the list declares once. */
export type SortColumns<K extends string> = Readonly<Record<K, Expression<unknown> | readonly Expression<unknown>[]>>;

/** Chinese text in pinyin order (zh_key, ./zh-sort.ts); call `withZhKey(raw)` before running a query that uses it. */
export const zhKey = (column: string): RawBuilder<string> => sql<string>`zh_key(${sql.ref(column)})`;
export const col = (column: string): RawBuilder<unknown> => sql.ref(column);
/**
 * Codes in a given order (tiers as the regulations list them, severities urgent first), unknown codes last; no code (NULL) first,
 * as SQLite puts a NULL name first, unless `nulls` says last (a household with no tier sorts as `none`, after the tiers).
 */
export function rankOf(column: string, codes: readonly string[], nulls: 'first' | 'last' = 'first'): RawBuilder<number> {
  const none = nulls === 'first' ? -1 : codes.length;
  return sql<number>`(CASE WHEN ${sql.ref(column)} IS NULL THEN ${sql.lit(none)} ${sql.join(
    codes.map((c, i) => sql`WHEN ${sql.ref(column)} = ${c} THEN ${sql.lit(i)}`),
    sql` `,
  )} ELSE ${sql.lit(codes.length)} END)`;
}

const registered = new WeakSet<BetterSqlite3.Database>();
/** Registers zh_key on the connection (once). */
export function withZhKey(raw: BetterSqlite3.Database): void {
  if (registered.has(raw)) return;
  raw.function('zh_key', { deterministic: true }, (s: unknown) => zhSortKey(typeof s === 'string' ? s : null));
  registered.add(raw);
}

/**
 * The ORDER BY terms of a list: the chosen column (from the whitelist; the contract refused any other key), then the id in the
 * same direction. Without a sort, the list's own order (`fallback`), which must end on a unique column too.
 */
export function orderTerms<K extends string>(
  sort: ListSort<K> | undefined,
  columns: SortColumns<K>,
  id: string,
  fallback: readonly (readonly [Expression<unknown>, SortDir])[],
): (readonly [Expression<unknown>, SortDir])[] {
  if (!sort) return [...fallback];
  const dir = sort.dir === 'desc' ? 'desc' : 'asc';
  const by: Expression<unknown> | readonly Expression<unknown>[] = columns[sort.key];
  const list = isList(by) ? by : [by];
  return [...list.map((e) => [e, dir] as const), [sql.ref(id), dir] as const];
}

const isList = (x: Expression<unknown> | readonly Expression<unknown>[]): x is readonly Expression<unknown>[] => Array.isArray(x);

/** Anything Kysely can order: each list's query builder. */
interface Orderable<Q> {
  orderBy(expr: Expression<unknown>, dir: SortDir): Q;
}
/** Applies the terms of `orderTerms` to a query. */
export function ordered<Q extends Orderable<Q>>(q: Q, terms: readonly (readonly [Expression<unknown>, SortDir])[]): Q {
  return terms.reduce((acc, [e, d]) => acc.orderBy(e, d), q);
}

/** Every row of a sorted list, in its order, `page` rows at a time (offset paging: the sort need not be a unique increasing key). */
export async function forEachInOrder<T>(read: (offset: number, limit: number) => T[], each: (row: T) => void, page = 2000): Promise<void> {
  for (let offset = 0; ; offset += page) {
    const rows = read(offset, page);
    for (const r of rows) each(r);
    if (rows.length < page) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A list's query that takes a page: each list's sorted query builder. */
interface Pageable<T> {
  limit(n: number): { offset(n: number): Compilable<T> };
}
/** One page of a sorted list and the count of all its rows under the same filters (`count` selects it as `n`). */
export function pageOf<T>(
  raw: BetterSqlite3.Database,
  count: Compilable<{ n: number }>,
  rows: Pageable<T>,
  page: number,
  pageSize: number,
): { total: number; found: T[] } {
  const total = first(raw, count)?.n ?? 0;
  const found = all(raw, rows.limit(pageSize).offset((page - 1) * pageSize));
  return { total, found };
}
