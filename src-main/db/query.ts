/**
 * Kysely as the query builder, better-sqlite3 as the executor: queries are typed by the
 * Database of ./schema.ts, compiled once by Kysely and run synchronously on the caller's
 * connection — inside its `raw.transaction(...)`, which an async driver could not join.
 *
 * @example
 *   const users = all(raw, qb.selectFrom('users').select(['id', 'username']).where('active', '=', 1));
 *   const one = first(raw, qb.selectFrom('office').selectAll().where('id', '=', 1));
 *   run(raw, qb.updateTable('users').set({ active: 0 }).where('id', '=', id));
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { createRequire } from 'node:module';
import type { Compilable, Kysely } from 'kysely';
import type { Database } from './schema';

let builder: Kysely<Database> | null = null;

/**
 * Kysely is loaded on the first query, not with this module: worker threads (import, scan)
 * import modules that use it but run only their own statements, and loading it cost each
 * thread ~0.13 s and 20 MB (bench/README.md, import).
 */
function kysely(): Kysely<Database> {
  if (builder) return builder;
  const k = createRequire(import.meta.url)('kysely') as typeof import('kysely');
  builder = new k.Kysely<Database>({
    dialect: {
      createAdapter: () => new k.SqliteAdapter(),
      createDriver: () => new k.DummyDriver(),
      createIntrospector: (db) => new k.SqliteIntrospector(db),
      createQueryCompiler: () => new k.SqliteQueryCompiler(),
    },
  });
  return builder;
}

/** The builder. It never connects: ./query.ts runs what it compiles. */
export const qb: Kysely<Database> = new Proxy({} as Kysely<Database>, {
  // Kysely's methods read private fields: they are called on the builder itself, not the proxy.
  get(_target, prop) {
    const b = kysely();
    const v: unknown = Reflect.get(b, prop, b);
    return typeof v === 'function' ? v.bind(b) : v;
  },
});

// Statements are prepared once per connection and SQL text; a query with a variable IN list
// makes one text per length, so the cache is bounded.
const MAX_CACHED = 400;
const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function statement(raw: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let bySql = statements.get(raw);
  if (!bySql) statements.set(raw, (bySql = new Map()));
  let st = bySql.get(sql);
  if (!st) {
    if (bySql.size >= MAX_CACHED) bySql.clear();
    bySql.set(sql, (st = raw.prepare(sql)));
  }
  return st;
}

/** SQLite has no booleans: better-sqlite3 refuses them, so they are bound as 1 and 0. */
function params(values: readonly unknown[]): unknown[] {
  return values.map((v) => (v === true ? 1 : v === false ? 0 : v));
}

/** Every row of a query. */
export function all<T>(raw: BetterSqlite3.Database, query: Compilable<T>): T[] {
  const c = query.compile();
  return statement(raw, c.sql).all(...params(c.parameters)) as T[];
}

/** The first row of a query, or undefined. */
export function first<T>(raw: BetterSqlite3.Database, query: Compilable<T>): T | undefined {
  const c = query.compile();
  return statement(raw, c.sql).get(...params(c.parameters)) as T | undefined;
}

/** Runs an insert, update or delete; returns what SQLite reports. */
export function run(raw: BetterSqlite3.Database, query: Compilable<unknown>): { changes: number; lastInsertRowid: number } {
  const c = query.compile();
  const r = statement(raw, c.sql).run(...params(c.parameters));
  return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
}
